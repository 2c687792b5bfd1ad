import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { shanghaiMonth, type Actor } from '@bangfu/domain';
import { ReadStore, type ResponsibilityRow } from '@bangfu/projections';
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

type Row = ResponsibilityRow & { cadre_name: string | null };

const period = (row: Row) => ({
  cadreId: row.cadre_id,
  cadreName: row.cadre_name,
  from: row.valid_from,
  to: row.valid_to,
  recordedFrom: row.recorded_from,
  recordedTo: row.recorded_to,
  reason: row.reason,
});

// Rows as the record stood at knownAt: written by then and not yet superseded.
const AS_KNOWN = 'r.recorded_from <= ? AND (r.recorded_to IS NULL OR r.recorded_to > ?)';
const COVERS = 'r.valid_from <= ? AND (r.valid_to IS NULL OR r.valid_to > ?)';

@QueryHandler(GetResponsibility)
export class GetResponsibilityHandler implements IQueryHandler<GetResponsibility> {
  constructor(private readonly views: ReadStore) {}

  async execute({ householdId, at, knownAt }: GetResponsibility) {
    const rows = this.views
      .prepare(
        `SELECT r.*, c.name AS cadre_name FROM responsibility r LEFT JOIN cadres c ON c.cadre_id = r.cadre_id
         WHERE r.household_id = ? AND ${AS_KNOWN} ORDER BY r.valid_from`,
      )
      .all(householdId, knownAt, knownAt) as Row[];
    const periods = rows.map(period);
    const responsible = at === undefined ? undefined : (periods.find((p) => p.from <= at && (p.to === null || p.to > at)) ?? null);
    return { householdId, knownAt, ...(at === undefined ? {} : { at, responsible }), periods };
  }
}

@QueryHandler(GetCadreHouseholds)
export class GetCadreHouseholdsHandler implements IQueryHandler<GetCadreHouseholds> {
  constructor(private readonly views: ReadStore) {}

  async execute({ actor, cadreId, at, knownAt }: GetCadreHouseholds) {
    const rows = this.views
      .prepare(
        `SELECT r.*, h.head_name FROM responsibility r LEFT JOIN households h ON h.household_id = r.household_id
         WHERE r.cadre_id = ? AND ${COVERS} AND ${AS_KNOWN} AND r.village_code >= ? AND r.village_code < ? ORDER BY r.household_id`,
      )
      .all(cadreId, at, at, knownAt, knownAt, ...jurisdictionRange(actor)) as (ResponsibilityRow & { head_name: string | null })[];
    // What a cadre works from: this month's visits, open overdue months, and a 对接 deadline still running.
    const month = shanghaiMonth(at);
    const visits = this.views.prepare(
      `SELECT COUNT(*) AS n, MAX(occurred_at) AS last FROM visits
       WHERE household_id = ? AND cadre_id = ? AND month = ? AND retracted = 0`,
    );
    const connected = this.views.prepare(
      `SELECT 1 FROM visits WHERE household_id = ? AND cadre_id = ? AND kind = '对接' AND occurred_at >= ? AND retracted = 0`,
    );
    const overdue = this.views.prepare(
      `SELECT COUNT(*) AS n FROM overdue_visits WHERE household_id = ? AND cadre_id = ? AND caught_up_at IS NULL`,
    );
    return {
      cadreId,
      at,
      knownAt,
      month,
      households: rows.map((row) => {
        const seen = visits.get(row.household_id, cadreId, month) as { n: number; last: string | null };
        const handover = row.connect_by !== null && row.connect_by > at && !connected.get(row.household_id, cadreId, row.valid_from);
        const open = (overdue.get(row.household_id, cadreId) as { n: number }).n;
        return {
          householdId: row.household_id,
          villageCode: row.village_code,
          headName: row.head_name,
          since: row.valid_from,
          visitsThisMonth: seen.n,
          lastVisitThisMonth: seen.last,
          overdueMonths: open,
          connectBy: handover ? row.connect_by : null,
          status: open > 0 ? 'overdue' : seen.n > 0 ? 'done' : 'due',
        };
      }),
    };
  }
}
