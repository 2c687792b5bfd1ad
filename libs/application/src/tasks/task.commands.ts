import { RegionNotRegisteredError, taskDecider, TaskNotFoundError, taskStreamId, type TaskCommand } from '@bangfu/domain';
import { handleCommand, type AppendResult, type CommandMetadata, type EventStore } from '@bangfu/eventstore';
import { assertWithinJurisdiction } from '../access/jurisdiction';
import { type RecordFacts } from '../facts/record-facts';
import { recordedRegion } from '../access/recorded-region';

/** 任务: issued for a registered division; every later act checked against the task's division. */
export class TaskCommands {
  constructor(
    private readonly store: EventStore,
    private readonly facts: RecordFacts,
  ) {}

  async execute(command: TaskCommand, metadata: CommandMetadata): Promise<AppendResult> {
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
