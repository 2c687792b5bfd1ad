import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { shanghaiMonth, type Actor } from '@bangfu/domain';
import { householdsHeldAt, ReadStore, responsibilityPeriods, type ResponsibilityPeriodRow } from '@bangfu/projections';
import { jurisdictionRange } from '@bangfu/application';

export class GetResponsibility {
  constructor(
    readonly householdId: string,
    readonly at: string | undefined,
    readonly knownAt: string,
  ) {}
}

export class GetCadreHouseholds {
  constructor(
    readonly actor: Actor,
    readonly cadreId: string,
    readonly at: string,
    readonly knownAt: string,
  ) {}
}

const period = (row: ResponsibilityPeriodRow) => ({
  cadreId: row.cadre_id,
  cadreName: row.cadre_name,
  from: row.valid_from,
  to: row.valid_to,
  recordedFrom: row.recorded_from,
  recordedTo: row.recorded_to,
  reason: row.reason,
});

@QueryHandler(GetResponsibility)
export class GetResponsibilityHandler implements IQueryHandler<GetResponsibility> {
  constructor(private readonly views: ReadStore) {}

  async execute({ householdId, at, knownAt }: GetResponsibility) {
    const rows = responsibilityPeriods(this.views, householdId, knownAt);
    const periods = rows.map(period);
    const responsible = at === undefined ? undefined : (periods.find((p) => p.from <= at && (p.to === null || p.to > at)) ?? null);
    return { householdId, knownAt, ...(at === undefined ? {} : { at, responsible }), periods };
  }
}

@QueryHandler(GetCadreHouseholds)
export class GetCadreHouseholdsHandler implements IQueryHandler<GetCadreHouseholds> {
  constructor(private readonly views: ReadStore) {}

  async execute({ actor, cadreId, at, knownAt }: GetCadreHouseholds) {
    // What a cadre works from: this month's visits, open overdue months, and a 对接 deadline still running.
    const month = shanghaiMonth(at);
    const rows = householdsHeldAt(this.views, { cadreId, at, knownAt, month, range: jurisdictionRange(actor) });
    return {
      cadreId,
      at,
      knownAt,
      month,
      households: rows.map((row) => {
        const handover = row.connect_by !== null && row.connect_by > at && !row.connected;
        const open = row.open_overdue_months;
        return {
          householdId: row.household_id,
          villageCode: row.village_code,
          headName: row.head_name,
          since: row.valid_from,
          visitsThisMonth: row.visits_this_month,
          lastVisitThisMonth: row.last_visit_this_month,
          overdueMonths: open,
          connectBy: handover ? row.connect_by : null,
          status: open > 0 ? 'overdue' : row.visits_this_month > 0 ? 'done' : 'due',
        };
      }),
    };
  }
}
