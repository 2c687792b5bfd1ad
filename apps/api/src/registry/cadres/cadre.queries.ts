import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { regionPrefix, regionsAbove, shanghaiMonth, type Actor } from '@bangfu/domain';
import { cadreActivity, cadreRow, cadresPage, ReadStore, type CadreWithUnit } from '@bangfu/projections';
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
export function visibleCadre(views: ReadStore, actor: Actor, cadreId: string): CadreWithUnit {
  const row = cadreRow(views, cadreId);
  const notFound = () => new ProblemException(404, 'CADRE_NOT_FOUND', `cadre ${cadreId} is not registered`);
  if (!row) throw notFound();
  if (actor.id !== cadreId) assertVisible(actor, row.region_code, notFound, true);
  return row;
}

/** A cadre as every route answers one (the phone masked on the way out, like all personal data). */
function cadreView(row: CadreWithUnit) {
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
    const { held, perMonth, visitedThisMonth, lagsMs } = cadreActivity(this.views, cadreId, range, month);
    const backfillLag = LAG_BUCKETS.map(([bucket, limit], i) => ({
      bucket,
      visits: lagsMs.filter((lag) => lag < limit && (i === 0 || lag >= LAG_BUCKETS[i - 1][1])).length,
    }));
    return {
      cadreId,
      householdsHeld: held,
      coverage: {
        month,
        visited: visitedThisMonth,
        households: held,
        share: held ? visitedThisMonth / held : null,
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
    const rows = cadresPage(this.views, { range: [low, high], above, unit: filters.unit, active: filters.active }, after ?? '', limit);
    return {
      cadres: rows.map(cadreView),
      next: rows.length === limit ? rows.at(-1)?.cadre_id : null,
    };
  }
}
