import type { FindingEvent } from '@bangfu/domain';
import type { RecordedEvent } from '@bangfu/eventstore';
import type { ProcessManager, Reaction } from '../process/process-manager';

/** A rectification's deadline and its escalation, as durable timers for the round that was ordered. */
export const rectificationDeadlinesProcess: ProcessManager = {
  name: 'rectification-deadlines',
  eventTypes: ['RectificationOrdered'],
  react(event: RecordedEvent): Reaction[] {
    const { findingId, round, deadline, escalateAt } = (event as unknown as Extract<FindingEvent, { type: 'RectificationOrdered' }>).data;
    return [
      {
        timer: {
          timerId: `rect-overdue-${findingId}-${round}`,
          dueAt: deadline,
          command: { type: 'MarkRectificationOverdue', data: { findingId, round } },
          purpose: '整改逾期',
        },
      },
      {
        timer: {
          timerId: `rect-escalate-${findingId}-${round}`,
          dueAt: escalateAt,
          command: { type: 'EscalateRectification', data: { findingId, round } },
          purpose: '整改逾期上报县级',
        },
      },
    ];
  },
};
