import type { TaskEvent } from '@bangfu/domain';
import type { RecordedEvent } from '@bangfu/eventstore';
import type { ProcessManager, Reaction } from '../process/process-manager';

/** Each task's deadline as a durable timer: a task not met by then is marked overdue on the record. */
export const taskDeadlinesProcess: ProcessManager = {
  name: 'task-deadlines',
  eventTypes: ['TaskIssued'],
  react(event: RecordedEvent): Reaction[] {
    const { taskId, deadline } = (event as unknown as Extract<TaskEvent, { type: 'TaskIssued' }>).data;
    return [
      {
        timer: {
          timerId: `task-overdue-${taskId}`,
          dueAt: deadline,
          command: { type: 'MarkTaskOverdue', data: { taskId } },
          purpose: '任务逾期',
        },
      },
    ];
  },
};
