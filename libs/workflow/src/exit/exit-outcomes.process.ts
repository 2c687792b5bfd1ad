import type { HouseholdEvent } from '@bangfu/domain';
import type { RecordedEvent } from '@bangfu/eventstore';
import type { WorkflowEvent } from '../definition/workflow-messages';
import type { ProcessManager, Reaction } from '../process/process-manager';
import { HOUSEHOLD_EXIT, VILLAGE_EXIT } from './exit-definitions';

/**
 * What a passed exit case does to its subject: the exit mark on the household (脱贫标注) or the village
 * (出列), and for a 低保 household the 渐退帮扶 timer that ends its continued benefits. Assignments stay:
 * 摘帽不摘帮扶.
 */
export const exitOutcomesProcess: ProcessManager = {
  name: 'exit-outcomes',
  eventTypes: ['WorkflowCompleted', 'HouseholdExited'],
  react(event: RecordedEvent): Reaction[] {
    const e = event as unknown as WorkflowEvent | HouseholdEvent;
    if (e.type === 'WorkflowCompleted') {
      const { outcome, definitionId, subject, instanceId, at } = e.data;
      if (outcome !== 'passed') return [];
      if (definitionId === HOUSEHOLD_EXIT) {
        return [{ command: { type: 'MarkHouseholdExited', data: { householdId: subject.id, exitedAt: at, exitId: instanceId } } }];
      }
      if (definitionId === VILLAGE_EXIT) {
        return [{ command: { type: 'MarkVillageExited', data: { villageCode: subject.id, exitedAt: at, exitId: instanceId } } }];
      }
      return [];
    }
    if (e.type === 'HouseholdExited' && e.data.transitionUntil !== null) {
      const { householdId, exitId, transitionUntil } = e.data;
      return [
        {
          timer: {
            timerId: `transition-${exitId}`,
            dueAt: transitionUntil,
            command: { type: 'EndTransitionBenefits', data: { householdId, exitId } },
            purpose: '渐退帮扶期满',
          },
        },
      ];
    }
    return [];
  },
};
