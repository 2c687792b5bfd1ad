import { specFor } from '@bangfu/testing';
import { TimerAlreadyFiredError, TimerNotDueError, TimerNotFoundError, timerDecider, type TimerEvent } from './timer.decider';

const command = { type: 'MarkVisitOverdue', data: { householdId: '222426103001001', month: '2026-01' } };
const scheduled: TimerEvent = {
  type: 'TimerScheduled',
  data: { timerId: 'visit-due-1', dueAt: '2026-02-01T00:00:00.000Z', command, purpose: 'monthly visit' },
};
const outcome = { result: 'dispatched' as const, streamId: 'household-1', eventIds: [] };
const spec = specFor(timerDecider);

describe('timer decider', () => {
  it('schedules a timer once; the same schedule again changes nothing', () => {
    spec.given([]).when({ type: 'ScheduleTimer', data: scheduled.data }).then([scheduled]);
    spec.given([scheduled]).when({ type: 'ScheduleTimer', data: scheduled.data }).then([]);
  });

  it('moves a pending timer to a new due time', () => {
    const later = { ...scheduled.data, dueAt: '2026-02-05T00:00:00.000Z' };
    spec
      .given([scheduled])
      .when({ type: 'ScheduleTimer', data: later })
      .then([{ type: 'TimerScheduled', data: later }]);
  });

  it('fires only when due, and only once', () => {
    const fire = { type: 'FireTimer' as const, data: { timerId: 'visit-due-1', outcome } };
    spec
      .given([scheduled])
      .when(fire, { now: new Date('2026-01-31T23:59:59.000Z') })
      .then(TimerNotDueError);
    const fired: TimerEvent = {
      type: 'TimerFired',
      data: { timerId: 'visit-due-1', dueAt: scheduled.data.dueAt, firedAt: '2026-02-01T00:00:05.000Z', outcome },
    };
    spec
      .given([scheduled])
      .when(fire, { now: new Date('2026-02-01T00:00:05.000Z') })
      .then([fired]);
    spec
      .given([scheduled, fired])
      .when(fire, { now: new Date('2026-03-01T00:00:00.000Z') })
      .then([]);
    spec.given([scheduled, fired]).when({ type: 'ScheduleTimer', data: scheduled.data }).then(TimerAlreadyFiredError);
  });

  it('cancels a pending timer; a cancelled timer does not fire', () => {
    const cancel = { type: 'CancelTimer' as const, data: { timerId: 'visit-due-1', reason: 'visit recorded' } };
    const cancelled: TimerEvent = { type: 'TimerCancelled', data: cancel.data };
    spec.given([scheduled]).when(cancel).then([cancelled]);
    spec.given([scheduled, cancelled]).when(cancel).then([]);
    spec
      .given([scheduled, cancelled])
      .when({ type: 'FireTimer', data: { timerId: 'visit-due-1', outcome } }, { now: new Date('2026-03-01T00:00:00Z') })
      .then([]);
    spec.given([]).when(cancel).then({ code: 'TIMER_NOT_FOUND' });
    spec.given([]).when(cancel).then(TimerNotFoundError);
  });
});
