import {
  ProjectNotFoundError,
  householdDecider,
  householdStreamId,
  projectDecider,
  projectStreamId,
  type ProjectCommand,
} from '@bangfu/domain';
import { handleCommand, loadState, type AppendResult, type CommandMetadata, type EventStore } from '@bangfu/eventstore';
import { type RecordFacts } from '../facts/record-facts';
import { recordedRegion } from '../access/recorded-region';

export class ProjectCommands {
  constructor(
    private readonly store: EventStore,
    private readonly facts: RecordFacts,
  ) {}

  async execute(command: ProjectCommand, metadata: CommandMetadata): Promise<AppendResult> {
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
