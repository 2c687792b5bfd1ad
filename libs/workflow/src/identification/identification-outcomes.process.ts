import type { RecordedEvent } from '@bangfu/eventstore';
import type { WorkflowEvent } from '../definition/workflow-messages';
import type { ProcessManager, Reaction } from '../process/process-manager';
import { HOUSEHOLD_IDENTIFICATION, HOUSEHOLD_REMOVAL } from './identification-definitions';

/**
 * What a passed 精准识别 or 剔除 case does to the register: the household registered (新识别, naming the case) or
 * removed with the 九不纳入 fact its verification found. A withdrawn case changes nothing.
 */
export const identificationOutcomesProcess: ProcessManager = {
  name: 'identification-outcomes',
  eventTypes: ['WorkflowCompleted'],
  react(event: RecordedEvent): Reaction[] {
    const e = event as unknown as WorkflowEvent;
    if (e.type !== 'WorkflowCompleted' || e.data.outcome !== 'passed') return [];
    const { definitionId, subject, instanceId } = e.data;
    if (definitionId === HOUSEHOLD_IDENTIFICATION) {
      return [{ command: { type: 'RegisterIdentifiedHousehold', data: { householdId: subject.id, identificationId: instanceId } } }];
    }
    if (definitionId === HOUSEHOLD_REMOVAL) {
      return [{ command: { type: 'RemoveVerifiedHousehold', data: { householdId: subject.id, removalId: instanceId } } }];
    }
    return [];
  },
};
