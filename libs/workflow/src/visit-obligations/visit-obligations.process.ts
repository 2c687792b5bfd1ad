import { monthStart, nextMonth, shanghaiMonth, type HouseholdEvent, type RegionEvent, type VillageEvent } from '@bangfu/domain';
import type { RecordedEvent } from '@bangfu/eventstore';
import { householdsRegisteredBy, judgingOf, onboardingVillagesUnder, periodsFrom, releasedBy, type ReadStore } from '@bangfu/projections';
import type { ProcessManager, Reaction, ReactionContext } from '../process/process-manager';

/**
 * The timers behind the visit rules: each village's month-end close (then every household in it is
 * judged under the policy in force), the reminder and escalation of an overdue month, and the 对接
 * deadline of a new responsible cadre. Deadlines are read off the events, where the deciders put them.
 *
 * A village that is onboarding (迁移中: registered as of a past time, its history being entered) gets none of
 * them: a month closed while its visits are still coming in would be judged on half a record. Its go-live
 * (上线日期) sets them all at once, from the go-live month on, when the history is in.
 */
export const visitObligationsProcess: ProcessManager = {
  name: 'visit-obligations',
  eventTypes: ['RegionRegistered', 'GoLiveDeclared', 'VisitMonthClosed', 'VisitOverdue', 'CadreAssigned', 'WorkTeamReportMissed'],
  readsViews: true,
  react(event: RecordedEvent, { views }: ReactionContext): Reaction[] {
    const e = event as unknown as RegionEvent | VillageEvent | HouseholdEvent;
    switch (e.type) {
      case 'RegionRegistered':
        // From the month it came under the work, each month judged under the visit policy in force then.
        if (e.data.level !== 'village' || e.data.onboarding) return [];
        return [closeMonthTimer(e.data.code, shanghaiMonth(event.metadata.occurredAt))];
      case 'GoLiveDeclared':
        return goLiveReactions(views, e.data.code, e.data.goLiveAt);
      case 'VisitMonthClosed': {
        const { villageCode, month, teamReportDueAt } = e.data;
        return [
          closeMonthTimer(villageCode, nextMonth(month)),
          // 驻村定期报告: the work team's report on the month is checked at its deadline.
          ...(teamReportDueAt
            ? [teamReportTimer('teamreport', villageCode, month, teamReportDueAt, 'CheckWorkTeamReport', `${month} 驻村工作队定期报告`)]
            : []),
          ...householdsRegisteredBy(views, villageCode, monthStart(month)).map((householdId) => ({
            command: { type: 'CheckMonthlyVisit', data: { householdId, month } },
          })),
        ];
      }
      case 'WorkTeamReportMissed': {
        const { villageCode, month, escalateAt } = e.data;
        return [teamReportTimer('teamescalate', villageCode, month, escalateAt, 'EscalateWorkTeamReport', `${month} 驻村报告未报上报乡镇`)];
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
        const { householdId, villageCode, cadreId, from, connectBy } = e.data;
        return judgingOf(views, villageCode).onboarding ? [] : [handoverTimer(householdId, cadreId, from, connectBy)];
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

function handoverTimer(householdId: string, cadreId: string, since: string, dueAt: string): Reaction {
  return {
    timer: {
      timerId: `handover-${householdId}-${Date.parse(since)}`,
      dueAt,
      command: { type: 'CheckHandoverVisit', data: { householdId, cadreId, since, dueAt } },
      purpose: '新调整包保责任人对接期限',
    },
  };
}

/**
 * The villages this go-live brings out of onboarding (one already live under an earlier go-live keeps its timers):
 * their month closes from the later of registration and go-live, and the 对接 checks of assignments made since.
 */
function goLiveReactions(views: ReadStore, code: string, goLiveAt: string): Reaction[] {
  return onboardingVillagesUnder(views, code).flatMap((village) => {
    if (!releasedBy(views, village.code, code)) return [];
    const first = [shanghaiMonth(village.registeredAt), shanghaiMonth(goLiveAt)].sort().at(-1) as string;
    const handovers = periodsFrom(views, village.code, goLiveAt).map((p) =>
      handoverTimer(p.household_id, p.cadre_id, p.valid_from, p.connect_by),
    );
    return [closeMonthTimer(village.code, first), ...handovers];
  });
}

function teamReportTimer(
  prefix: string,
  villageCode: string,
  month: string,
  dueAt: string,
  type: 'CheckWorkTeamReport' | 'EscalateWorkTeamReport',
  purpose: string,
): Reaction {
  return { timer: { timerId: `${prefix}-${villageCode}-${month}`, dueAt, command: { type, data: { villageCode, month } }, purpose } };
}
