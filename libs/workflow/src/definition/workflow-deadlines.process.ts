import type { RegionEvent } from '@bangfu/domain';
import { villageOfHousehold } from '@bangfu/domain';
import type { RecordedEvent } from '@bangfu/eventstore';
import { judgingOf, releasedBy, type ReadStore } from '@bangfu/projections';
import { openCasesEnteredSince } from '../exit/exit.projection';
import type { ProcessManager, Reaction } from '../process/process-manager';
import { subjectOfInstance, type WorkflowEvent } from './workflow-messages';

/**
 * Every step entered gets two durable timers from the deadlines the runtime put on the event: overdue
 * (the actors are reminded) and escalation. A timer names the entry it watches, so one that fires after
 * the case moved on is a recorded no-op.
 *
 * A step in a village still onboarding (its history being entered), or one that began before the village's
 * go-live, gets none: its deadline would be judged before the acts that met it are entered. The go-live sets
 * them for the open cases whose current step began on or after it.
 */
export const workflowDeadlinesProcess: ProcessManager = {
  name: 'workflow-deadlines',
  eventTypes: ['WorkflowStepEntered', 'GoLiveDeclared'],
  readsViews: true,
  react(event: RecordedEvent, { views }): Reaction[] {
    const e = event as unknown as
      Extract<WorkflowEvent, { type: 'WorkflowStepEntered' }> | Extract<RegionEvent, { type: 'GoLiveDeclared' }>;
    if (e.type === 'GoLiveDeclared') {
      return openCasesEnteredSince(views, e.data.code, e.data.goLiveAt)
        .filter((c) => releasedBy(views, villageOfHousehold(subjectOfInstance(c.exitId)), e.data.code))
        .flatMap((c) => deadlineTimers(c.exitId, c.step, c.entry, c.dueAt, c.escalateAt));
    }
    const { instanceId, step, entry, enteredAt, dueAt, escalateAt } = e.data;
    if (!judged(views, villageOfHousehold(subjectOfInstance(instanceId)), enteredAt)) return [];
    return deadlineTimers(instanceId, step, entry, dueAt, escalateAt);
  },
};

function judged(views: ReadStore, villageCode: string, enteredAt: string): boolean {
  const { onboarding, judgedFrom } = judgingOf(views, villageCode);
  return !onboarding && (judgedFrom === null || enteredAt >= judgedFrom);
}

function deadlineTimers(instanceId: string, step: string, entry: number, dueAt: string, escalateAt: string): Reaction[] {
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
}
