import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { TaskNotFoundError, taskDecider, taskStreamId, type TaskCommand } from '@bangfu/domain';
import { EVENT_STORE, handleCommand, loadState, type AppendResult, type CommandMetadata, type EventStore } from '@bangfu/eventstore';
import { assertVisible, assertWithinJurisdiction } from '../access/jurisdiction';
import { RecordFacts } from '../registry/record-facts';
import { ProblemException } from '../http/problem';

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
        throw new ProblemException(409, 'REGION_NOT_REGISTERED', `division ${regionCode} is not registered`, [
          { field: 'regionCode', message: 'not registered' },
        ]);
      }
    } else {
      const task = await loadState(this.store, streamId, taskDecider);
      regionCode = task.status === 'none' ? undefined : task.spec.regionCode;
      if (regionCode) assertVisible(metadata.actor, regionCode, () => new TaskNotFoundError(`no task ${command.data.taskId}`));
    }
    return handleCommand(this.store, streamId, taskDecider, command, { ...metadata, subjectRegion: regionCode });
  }
}
