import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  ProjectNotFoundError,
  householdDecider,
  householdStreamId,
  projectDecider,
  projectStreamId,
  type ProjectCommand,
} from '@bangfu/domain';
import { EVENT_STORE, handleCommand, loadState, type AppendResult, type CommandMetadata, type EventStore } from '@bangfu/eventstore';
import { RecordFacts } from '../registry/record-facts';
import { recordedRegion } from '../access/recorded-region';

export class ProjectCommandMessage {
  constructor(
    readonly command: ProjectCommand,
    readonly metadata: CommandMetadata,
  ) {}
}

@CommandHandler(ProjectCommandMessage)
export class ProjectCommandHandler implements ICommandHandler<ProjectCommandMessage, AppendResult> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly facts: RecordFacts,
  ) {}

  async execute({ command, metadata }: ProjectCommandMessage): Promise<AppendResult> {
    const streamId = projectStreamId(command.data.projectId);
    if (command.type === 'ApproveProject') {
      const leadUnitRegistered = (await this.facts.unit(command.data.leadUnitId)).registered;
      const recorded = { ...metadata, subjectRegion: command.data.regionCode };
      return handleCommand(this.store, streamId, projectDecider, command, recorded, { facts: { leadUnitRegistered } });
    }
    const { regionCode } = await recordedRegion(this.store, streamId, projectDecider, metadata.actor, {
      regionOf: (project) => (project.approved ? project.approval.regionCode : undefined),
      notFound: () => new ProjectNotFoundError(`project ${command.data.projectId} was never approved`),
    });
    const recorded = { ...metadata, subjectRegion: regionCode };
    if (command.type === 'AddBeneficiaries') {
      const states = await Promise.all(
        command.data.householdIds.map((id) => loadState(this.store, householdStreamId(id), householdDecider)),
      );
      const unregistered = command.data.householdIds.filter((_, i) => states[i].status !== 'registered');
      return handleCommand(this.store, streamId, projectDecider, command, recorded, { facts: { unregistered } });
    }
    return handleCommand(this.store, streamId, projectDecider, command, recorded);
  }
}
