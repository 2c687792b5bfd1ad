import { monthStart, nextMonth, shanghaiMonth, type HouseholdEvent, type RegionEvent, type VillageEvent } from '@bangfu/domain';
import type { RecordedEvent } from '@bangfu/eventstore';
import type { ProcessManager, Reaction, ReactionContext } from '../process/process-manager';

/**
 * The timers behind the visit rules: each village's month-end close (then every household in it is
 * judged under the policy in force), the reminder and escalation of an overdue month, and the 对接
 * deadline of a new responsible cadre. Deadlines are read off the events, where the deciders put them.
 */
export const visitObligationsProcess: ProcessManager = {
  name: 'visit-obligations',
  eventTypes: ['RegionRegistered', 'VisitMonthClosed', 'VisitOverdue', 'CadreAssigned'],
  readsViews: true,
  react(event: RecordedEvent, { views }: ReactionContext): Reaction[] {
    const e = event as unknown as RegionEvent | VillageEvent | HouseholdEvent;
    switch (e.type) {
      case 'RegionRegistered':
        // From the month it came under the work (a county bringing its history in states a past one): months
        // already over close at once, one after the other, each judged under the visit policy in force then.
        return e.data.level === 'village' ? [closeMonthTimer(e.data.code, shanghaiMonth(event.metadata.occurredAt))] : [];
      case 'VisitMonthClosed': {
        const { villageCode, month } = e.data;
        const households = views
          .prepare(
            `SELECT household_id FROM households WHERE village_code = ? AND status = 'registered' AND identified_at <= ? ORDER BY household_id`,
          )
          .all(villageCode, monthStart(month)) as { household_id: string }[];
        return [
          closeMonthTimer(villageCode, nextMonth(month)),
          ...households.map(({ household_id: householdId }) => ({
            command: { type: 'CheckMonthlyVisit', data: { householdId, month, policy: null } },
          })),
        ];
      }
      case 'VisitOverdue': {
        const { householdId, month, remindAt, escalateAt } = e.data;
        return [
          {
            timer: {
              timerId: `visitremind-${householdId}-${month}`,
              dueAt: remindAt,
              command: { type: 'RemindOverdueVisit', data: { householdId, month } },
              purpose: `${month} 未走访提醒`,
            },
          },
          {
            timer: {
              timerId: `visitescalate-${householdId}-${month}`,
              dueAt: escalateAt,
              command: { type: 'EscalateOverdueVisit', data: { householdId, month } },
              purpose: `${month} 未走访上报乡镇`,
            },
          },
        ];
      }
      case 'CadreAssigned': {
        const { householdId, cadreId, from, connectBy } = e.data;
        return [
          {
            timer: {
              timerId: `handover-${householdId}-${Date.parse(from)}`,
              dueAt: connectBy,
              command: { type: 'CheckHandoverVisit', data: { householdId, cadreId, since: from, dueAt: connectBy } },
              purpose: '新调整包保责任人对接期限',
            },
          },
        ];
      }
      default:
        return [];
    }
  },
};

function closeMonthTimer(villageCode: string, month: string): Reaction {
  return {
    timer: {
      timerId: `visitmonth-${villageCode}-${month}`,
      dueAt: monthStart(nextMonth(month)),
      command: { type: 'CloseVisitMonth', data: { villageCode, month } },
      purpose: `${month} 月度走访核查`,
    },
  };
}
