import { codesUnder, monthEnd, monthStart, nextMonth, shanghaiDate } from '@bangfu/domain';
import type { ReadStore } from '../store/read-store';

/** A run of Shanghai months, first and last included ('YYYY-MM'). */
export interface MonthRange {
  from: string;
  to: string;
}

/** The months of a range that have ended by `now`: only those can have been owed a visit. */
export function endedMonths({ from, to }: MonthRange, now: Date): string[] {
  const months: string[] = [];
  for (let month = from; month <= to && Date.parse(monthEnd(month)) <= now.getTime(); month = nextMonth(month)) months.push(month);
  return months;
}

/** What the visit rule asked of a cadre or a village over months: household-months owed a visit, and those missed. */
export interface VisitDuty {
  owed: number;
  missed: number;
}

/**
 * Household-months owed a visit over the given months, by the cadre responsible at each month's end (as the record
 * stands now) or by village: a household on the register for the whole month, as the month-end check judges it.
 * Missed ones are the months marked overdue.
 */
export function visitDuties(views: ReadStore, regionPrefix: string, months: string[], by: 'cadre' | 'village'): Map<string, VisitDuty> {
  const range = codesUnder(regionPrefix);
  const key = by === 'cadre' ? 'r.cadre_id' : 'r.village_code';
  const owedIn = views.prepare(
    `SELECT ${key} AS id, COUNT(*) AS n FROM responsibility r JOIN households h ON h.household_id = r.household_id
     WHERE r.village_code >= ? AND r.village_code < ? AND r.recorded_to IS NULL AND r.valid_from < ? AND (r.valid_to IS NULL OR r.valid_to >= ?)
       AND h.identified_at <= ? AND (h.removed_at IS NULL OR h.removed_at >= ?)
     GROUP BY ${key}`,
  );
  const duties = new Map<string, VisitDuty>();
  const at = (id: string) => duties.get(id) ?? (duties.set(id, { owed: 0, missed: 0 }).get(id) as VisitDuty);
  for (const month of months) {
    const [start, end] = [monthStart(month), monthEnd(month)];
    for (const row of owedIn.all(...range, end, end, start, end) as { id: string; n: number }[]) at(row.id).owed += row.n;
  }
  if (months.length === 0) return duties;
  const column = by === 'cadre' ? 'cadre_id' : 'village_code';
  const missed = views
    .prepare(
      `SELECT ${column} AS id, COUNT(*) AS n FROM overdue_visits WHERE village_code >= ? AND village_code < ? AND month >= ? AND month <= ?
         AND ${column} IS NOT NULL GROUP BY ${column}`,
    )
    .all(...range, months[0], months.at(-1)) as { id: string; n: number }[];
  for (const row of missed) at(row.id).missed += row.n;
  return duties;
}

/** A cadre's record over a period, the inputs of the cadre ranking. */
export interface CadreRecordInputs {
  cadreId: string;
  name: string | null;
  visits: number;
  backfilled: number;
  handovers: number;
  handoversMissed: number;
  measuresDue: number;
  measuresOnTime: number;
  findings: number;
}

/**
 * Per cadre of a division, over [from, to) (instants) and the measures due in it: visits made (not retracted) and
 * how many were flagged 补录, handovers (对接 owed) and those missed, measures due and delivered on time, and
 * findings recorded against them.
 */
export function cadreRecords(views: ReadStore, regionPrefix: string, from: string, to: string, now: Date): Map<string, CadreRecordInputs> {
  const range = codesUnder(regionPrefix);
  const records = new Map<string, CadreRecordInputs>();
  const of = (cadreId: string) =>
    records.get(cadreId) ??
    (records
      .set(cadreId, {
        cadreId,
        name: null,
        visits: 0,
        backfilled: 0,
        handovers: 0,
        handoversMissed: 0,
        measuresDue: 0,
        measuresOnTime: 0,
        findings: 0,
      })
      .get(cadreId) as CadreRecordInputs);
  const count = (sql: string, field: keyof CadreRecordInputs, ...params: unknown[]) => {
    for (const row of views.prepare(sql).all(...params) as { id: string; n: number }[]) (of(row.id)[field] as number) += row.n;
  };
  count(
    `SELECT cadre_id AS id, COUNT(*) AS n FROM visits WHERE village_code >= ? AND village_code < ? AND occurred_at >= ? AND occurred_at < ?
       AND retracted = 0 GROUP BY cadre_id`,
    'visits',
    ...range,
    from,
    to,
  );
  const flagged = (type: string, field: keyof CadreRecordInputs) =>
    count(
      `SELECT cadre_id AS id, COUNT(*) AS n FROM flags WHERE type = ? AND village_code >= ? AND village_code < ? AND occurred_at >= ? AND occurred_at < ?
         AND cadre_id IS NOT NULL GROUP BY cadre_id`,
      field,
      type,
      ...range,
      from,
      to,
    );
  flagged('BACKFILLED_VISIT', 'backfilled');
  flagged('HANDOVER_NOT_CONNECTED', 'handoversMissed');
  count(
    `SELECT cadre_id AS id, COUNT(*) AS n FROM responsibility WHERE village_code >= ? AND village_code < ? AND recorded_to IS NULL
       AND connect_by IS NOT NULL AND connect_by >= ? AND connect_by < ? AND connect_by <= ? GROUP BY cadre_id`,
    'handovers',
    ...range,
    from,
    to,
    now.toISOString(),
  );
  // A measure counts once its due day has passed (or it was delivered); the day is a Shanghai calendar day.
  const [fromDay, toDay, today] = [shanghaiDate(from), shanghaiDate(to), shanghaiDate(now)];
  count(
    `SELECT cadre_id AS id, COUNT(*) AS n FROM plan_measures WHERE village_code >= ? AND village_code < ? AND due_on >= ? AND due_on < ?
       AND (due_on < ? OR status = 'delivered') GROUP BY cadre_id`,
    'measuresDue',
    ...range,
    fromDay,
    toDay,
    today,
  );
  count(
    `SELECT cadre_id AS id, COUNT(*) AS n FROM plan_measures WHERE village_code >= ? AND village_code < ? AND due_on >= ? AND due_on < ?
       AND status = 'delivered' AND on_time = 1 GROUP BY cadre_id`,
    'measuresOnTime',
    ...range,
    fromDay,
    toDay,
  );
  count(
    `SELECT target_id AS id, COUNT(*) AS n FROM findings WHERE target_kind = 'cadre' AND region_code >= ? AND region_code < ?
       AND recorded_at >= ? AND recorded_at < ? GROUP BY target_id`,
    'findings',
    ...range,
    from,
    to,
  );
  const name = views.prepare('SELECT name FROM cadres WHERE cadre_id = ?');
  for (const record of records.values()) record.name = (name.get(record.cadreId) as { name: string } | undefined)?.name ?? null;
  return records;
}

/** A village's standing now, the inputs of the village ranking beside its visit duty. */
export interface VillageStandingInputs {
  code: string;
  name: string;
  households: number;
  exited: number;
  poorPopulation: number;
  openFindings: number;
  measuresOverdue: number;
  /** Months in the period whose work-team report was missed (驻村定期报告). */
  teamReportsMissed: number;
}

/**
 * Every village of a division: its register in figures, findings not yet closed, open measures past their due day,
 * and the work-team reports missed in the months [fromMonth, toMonth].
 */
export function villageStandings(
  views: ReadStore,
  regionPrefix: string,
  { fromMonth, toMonth }: { fromMonth: string; toMonth: string },
  now: Date,
): VillageStandingInputs[] {
  const range = codesUnder(regionPrefix);
  return views
    .prepare(
      `SELECT v.code, v.name,
         (SELECT COUNT(*) FROM households h WHERE h.village_code = v.code AND h.status = 'registered') AS households,
         (SELECT COUNT(*) FROM households h WHERE h.village_code = v.code AND h.status = 'registered' AND h.exited = 1) AS exited,
         (SELECT COALESCE(SUM(h.population), 0) FROM households h WHERE h.village_code = v.code AND h.status = 'registered' AND h.exited = 0)
           AS poorPopulation,
         (SELECT COUNT(*) FROM findings f WHERE f.region_code >= v.code AND f.region_code < v.code || 'z' AND f.status <> 'closed')
           AS openFindings,
         (SELECT COUNT(*) FROM plan_measures m WHERE m.village_code = v.code AND m.status = 'open' AND m.due_on < ?) AS measuresOverdue,
         (SELECT COUNT(*) FROM flags f WHERE f.type = 'WORK_TEAM_REPORT_MISSED' AND f.village_code = v.code
            AND json_extract(f.details, '$.month') >= ? AND json_extract(f.details, '$.month') <= ?) AS teamReportsMissed
       FROM regions v WHERE v.level = 'village' AND v.code >= ? AND v.code < ? ORDER BY v.code`,
    )
    .all(shanghaiDate(now), fromMonth, toMonth, ...range) as VillageStandingInputs[];
}
