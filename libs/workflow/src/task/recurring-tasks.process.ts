import { periodStart, type RecurringTaskEvent } from '@bangfu/domain';
import type { RecordedEvent } from '@bangfu/eventstore';
import type { ProcessManager, Reaction } from '../process/process-manager';

/**
 * 自查自评 on durable timers: a recurring task's first period is issued when it begins, and each period issued
 * becomes its task (on the task's own stream, so the board and the 红黑榜 count it) and sets the timer for the next.
 * An ended series lets the next timer fire into nothing.
 */
export const recurringTasksProcess: ProcessManager = {
  name: 'recurring-tasks',
  eventTypes: ['RecurringTaskDefined', 'RecurringPeriodIssued'],
  react(event: RecordedEvent): Reaction[] {
    const e = event as unknown as Extract<RecurringTaskEvent, { type: 'RecurringTaskDefined' | 'RecurringPeriodIssued' }>;
    if (e.type === 'RecurringTaskDefined') {
      const { seriesId, recurrence, firstPeriod } = e.data;
      return [periodTimer(seriesId, firstPeriod, periodStart(recurrence, firstPeriod))];
    }
    const { seriesId, task, nextPeriod, nextStartsAt } = e.data;
    return [{ command: { type: 'IssueTask', data: task } }, periodTimer(seriesId, nextPeriod, nextStartsAt)];
  },
};

function periodTimer(seriesId: string, period: string, dueAt: string): Reaction {
  return {
    timer: {
      timerId: `recurring-${seriesId}-${period}`,
      dueAt,
      command: { type: 'IssueRecurringPeriod', data: { seriesId, period } },
      purpose: '自查自评下达',
    },
  };
}
