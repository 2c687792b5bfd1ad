import type { CadreEvent } from '@bangfu/domain';
import type { ProcessManager } from '../process/process-manager';

/**
 * 召回 as a process: once a recall is requested (and its plan checked) on the cadre's stream, each household passes
 * to its successor, then the recall is completed. The reactions carry ids derived from the request, so a node that
 * died halfway resumes from its checkpoint and repeats nothing: a handover already made answers as made, and the
 * completion waits until none of the plan's households is still held by the recalled cadre.
 */
export const cadreRecallProcess: ProcessManager = {
  name: 'cadre-recall',
  eventTypes: ['CadreRecallRequested'],
  react(event) {
    const e = event as unknown as CadreEvent;
    if (e.type !== 'CadreRecallRequested') return [];
    const { cadreId, reason, recalledAt, handovers } = e.data;
    return [
      ...handovers.map(({ householdId, successorId }) => ({
        command: {
          type: 'AssignCadre',
          data: { householdId, cadreId: successorId, from: recalledAt, reason: `召回 ${cadreId}：${reason}` },
        },
      })),
      { command: { type: 'CompleteCadreRecall', data: { cadreId } } },
    ];
  },
};
