import type { RegionEvent, TaskEvent } from '@bangfu/domain';
import type { RecordedEvent } from '@bangfu/eventstore';
import { judgingOf, openTasksDueFrom, releasedBy } from '@bangfu/projections';
import type { ProcessManager, Reaction } from '../process/process-manager';

/**
 * Each task's deadline as a durable timer: a task not met by then is marked overdue on the record. A task of a
 * division still onboarding gets its timer at the go-live, when its acts are in, if its deadline falls from then on.
 */
export const taskDeadlinesProcess: ProcessManager = {
  name: 'task-deadlines',
  eventTypes: ['TaskIssued', 'GoLiveDeclared'],
  readsViews: true,
  react(event: RecordedEvent, { views }): Reaction[] {
    const e = event as unknown as Extract<TaskEvent, { type: 'TaskIssued' }> | Extract<RegionEvent, { type: 'GoLiveDeclared' }>;
    if (e.type === 'GoLiveDeclared') {
      return openTasksDueFrom(views, e.data.code, e.data.goLiveAt)
        .filter((task) => releasedBy(views, task.regionCode, e.data.code))
        .map((task) => overdueTimer(task.taskId, task.deadline));
    }
    return judgingOf(views, e.data.regionCode).onboarding ? [] : [overdueTimer(e.data.taskId, e.data.deadline)];
  },
};

function overdueTimer(taskId: string, deadline: string): Reaction {
  return {
    timer: {
      timerId: `task-overdue-${taskId}`,
      dueAt: deadline,
      command: { type: 'MarkTaskOverdue', data: { taskId } },
      purpose: '任务逾期',
    },
  };
}
