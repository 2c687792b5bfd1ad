import type { RecordedEvent } from '@bangfu/eventstore';
import type { ProcessManager, Reaction } from '../process/process-manager';
import type { WorkflowEvent } from './workflow-messages';

/**
 * Every step entered gets two durable timers from the deadlines the runtime put on the event: overdue
 * (the actors are reminded) and escalation. A timer names the entry it watches, so one that fires after
 * the case moved on is a recorded no-op.
 */
export const workflowDeadlinesProcess: ProcessManager = {
  name: 'workflow-deadlines',
  eventTypes: ['WorkflowStepEntered'],
  react(event: RecordedEvent): Reaction[] {
    const e = event as unknown as Extract<WorkflowEvent, { type: 'WorkflowStepEntered' }>;
    const { instanceId, step, entry, dueAt, escalateAt } = e.data;
    const watched = { instanceId, step, entry };
    return [
      {
        timer: {
          timerId: `wf-overdue-${instanceId}-${entry}`,
          dueAt,
          command: { type: 'MarkStepOverdue', data: watched },
          purpose: `${instanceId} ${step} 逾期提醒`,
        },
      },
      {
        timer: {
          timerId: `wf-escalate-${instanceId}-${entry}`,
          dueAt: escalateAt,
          command: { type: 'EscalateStep', data: watched },
          purpose: `${instanceId} ${step} 逾期上报`,
        },
      },
    ];
  },
};
