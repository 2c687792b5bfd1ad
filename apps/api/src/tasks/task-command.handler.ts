import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { RegionNotRegisteredError, taskDecider, TaskNotFoundError, taskStreamId, type TaskCommand } from '@bangfu/domain';
import { EVENT_STORE, handleCommand, type AppendResult, type CommandMetadata, type EventStore } from '@bangfu/eventstore';
import { assertWithinJurisdiction } from '../access/jurisdiction';
import { RecordFacts } from '../registry/record-facts';
import { recordedRegion } from '../access/recorded-region';

export class TaskCommandMessage {
  constructor(
    readonly command: TaskCommand,
    readonly metadata: CommandMetadata,
  ) {}
}

/** 任务: issued for a registered division; every later act checked against the task's division. */
@CommandHandler(TaskCommandMessage)
export class TaskCommandHandler implements ICommandHandler<TaskCommandMessage, AppendResult> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly facts: RecordFacts,
  ) {}

  async execute({ command, metadata }: TaskCommandMessage): Promise<AppendResult> {
    const streamId = taskStreamId(command.data.taskId);
    let regionCode: string | undefined;
    if (command.type === 'IssueTask') {
      regionCode = command.data.regionCode;
      assertWithinJurisdiction(metadata.actor, regionCode);
      if (!(await this.facts.region(regionCode)).registered) {
        throw new RegionNotRegisteredError(`division ${regionCode} is not registered`, { field: 'regionCode' });
      }
    } else {
      ({ regionCode } = await recordedRegion(this.store, streamId, taskDecider, metadata.actor, {
        regionOf: (task) => (task.status === 'none' ? undefined : task.spec.regionCode),
        notFound: () => new TaskNotFoundError(`no task ${command.data.taskId}`),
      }));
    }
    return handleCommand(this.store, streamId, taskDecider, command, { ...metadata, subjectRegion: regionCode });
  }
}
