import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { regionPrefix, regionsAbove, shanghaiMonth, type Actor } from '@bangfu/domain';
import { ReadStore, type CadreRow } from '@bangfu/projections';
import { assertVisible, codesUnder, jurisdictionRange } from '@bangfu/application';
import { ProblemException } from '../../http/problem';

export class GetCadre {
  constructor(
    readonly actor: Actor,
    readonly cadreId: string,
  ) {}
}

export class ListCadres {
  constructor(
    readonly actor: Actor,
    readonly filters: { region?: string; unit?: string; active: boolean },
    readonly limit: number,
    readonly after?: string,
  ) {}
}

export class GetCadreActivity {
  constructor(
    readonly actor: Actor,
    readonly cadreId: string,
    readonly now: Date,
  ) {}
}

const DAY = 86_400_000;
/** Backfill lag buckets: how long after the visit it was entered. */
const LAG_BUCKETS: [string, number][] = [
  ['same day', DAY],
  ['1–3 days', 3 * DAY],
  ['3–7 days', 7 * DAY],
  ['7–30 days', 30 * DAY],
  ['over 30 days', Number.POSITIVE_INFINITY],
];

/** The cadre, if the actor may see them: the cadre themself, or anyone whose jurisdiction holds or lies under the cadre's division. */
export function visibleCadre(views: ReadStore, actor: Actor, cadreId: string): CadreRow & { unit_name: string | null } {
  const row = views
    .prepare('SELECT c.*, u.name AS unit_name FROM cadres c LEFT JOIN units u ON u.unit_id = c.unit_id WHERE c.cadre_id = ?')
    .get(cadreId) as (CadreRow & { unit_name: string | null }) | undefined;
  const notFound = () => new ProblemException(404, 'CADRE_NOT_FOUND', `cadre ${cadreId} is not registered`);
  if (!row) throw notFound();
  if (actor.id !== cadreId) assertVisible(actor, row.region_code, notFound, true);
  return row;
}

/** A cadre as every route answers one (the phone masked on the way out, like all personal data). */
function cadreView(row: CadreRow & { unit_name: string | null }) {
  return {
    cadreId: row.cadre_id,
    name: row.name,
    unitId: row.unit_id,
    unitName: row.unit_name,
    regionCode: row.region_code,
    position: row.position,
    phone: row.phone,
    recalledAt: row.recalled_at,
    registeredAt: row.registered_at,
  };
}

@QueryHandler(GetCadre)
export class GetCadreHandler implements IQueryHandler<GetCadre> {
  constructor(private readonly views: ReadStore) {}

  async execute({ actor, cadreId }: GetCadre) {
    return cadreView(visibleCadre(this.views, actor, cadreId));
  }
}

@QueryHandler(GetCadreActivity)
export class GetCadreActivityHandler implements IQueryHandler<GetCadreActivity> {
  constructor(private readonly views: ReadStore) {}

  async execute({ actor, cadreId, now }: GetCadreActivity) {
    visibleCadre(this.views, actor, cadreId);
    const range = jurisdictionRange(actor);
    const month = shanghaiMonth(now);
    const held = this.views
      .prepare(
        `SELECT household_id FROM households WHERE cadre_id = ? AND status = 'registered' AND village_code >= ? AND village_code < ?`,
      )
      .all(cadreId, ...range) as { household_id: string }[];
    const perMonth = this.views
      .prepare(
        `SELECT month, COUNT(*) AS visits, SUM(by_responsible) AS own_households, COUNT(DISTINCT household_id) AS households,
           SUM(retracted) AS retracted
         FROM visits WHERE cadre_id = ? AND village_code >= ? AND village_code < ? GROUP BY month ORDER BY month DESC LIMIT 24`,
      )
      .all(cadreId, ...range) as { month: string; visits: number; own_households: number; households: number; retracted: number }[];
    const visitedThisMonth = this.views
      .prepare(
        `SELECT COUNT(DISTINCT v.household_id) AS n FROM visits v JOIN households h ON h.household_id = v.household_id
         WHERE v.cadre_id = ? AND v.month = ? AND v.retracted = 0 AND v.by_responsible = 1 AND h.cadre_id = ?`,
      )
      .get(cadreId, month, cadreId) as { n: number };
    const lags = this.views
      .prepare(`SELECT lag_ms FROM visits WHERE cadre_id = ? AND retracted = 0 AND village_code >= ? AND village_code < ?`)
      .all(cadreId, ...range) as { lag_ms: number }[];
    const backfillLag = LAG_BUCKETS.map(([bucket, limit], i) => ({
      bucket,
      visits: lags.filter(({ lag_ms }) => lag_ms < limit && (i === 0 || lag_ms >= LAG_BUCKETS[i - 1][1])).length,
    }));
    return {
      cadreId,
      householdsHeld: held.length,
      coverage: {
        month,
        visited: visitedThisMonth.n,
        households: held.length,
        share: held.length ? visitedThisMonth.n / held.length : null,
      },
      visitsPerMonth: perMonth.map((row) => ({
        month: row.month,
        visits: row.visits,
        households: row.households,
        retracted: row.retracted,
      })),
      backfillLag,
      retractions: perMonth.reduce((sum, row) => sum + row.retracted, 0),
    };
  }
}

/**
 * Cadres whose division lies in the actor's jurisdiction (and in `region`, when given), of one unit when asked,
 * recalled ones left out unless asked for; paged by cadre id. Phones stay masked as on a single read.
 */
@QueryHandler(ListCadres)
export class ListCadresHandler implements IQueryHandler<ListCadres> {
  constructor(private readonly views: ReadStore) {}

  async execute({ actor, filters, limit, after }: ListCadres) {
    // A county's work is done by its own cadres and by those of units above it (a province's commission 包村 in it):
    // both are listed, as a single read shows them.
    const home = filters.region ?? actor.regionCode ?? '';
    const [low, high] = filters.region ? codesUnder(regionPrefix(filters.region)) : jurisdictionRange(actor);
    // The divisions strictly above (222426 → 222400, 220000), not the whole country's own code.
    const above = regionsAbove(home).filter((code) => code !== home && code !== '000000');
    const rows = this.views
      .prepare(
        `SELECT c.*, u.name AS unit_name FROM cadres c LEFT JOIN units u ON u.unit_id = c.unit_id
         WHERE ((c.region_code >= ? AND c.region_code < ?) OR c.region_code IN (${above.map(() => '?').join(', ') || "''"}))
           AND (? IS NULL OR c.unit_id = ?) AND (? = 0 OR c.recalled_at IS NULL) AND c.cadre_id > ?
         ORDER BY c.cadre_id LIMIT ?`,
      )
      .all(low, high, ...above, filters.unit ?? null, filters.unit ?? null, filters.active ? 1 : 0, after ?? '', limit) as (CadreRow & {
      unit_name: string | null;
    })[];
    return {
      cadres: rows.map(cadreView),
      next: rows.length === limit ? rows.at(-1)?.cadre_id : null,
    };
  }
}
