import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { Actor } from '@bangfu/domain';
import { judgingOf, ReadStore, type RegionRow } from '@bangfu/projections';
import { jurisdictionRange } from '@bangfu/application';
import { ProblemException } from '../../http/problem';
import type { RegionDto } from './region.dto';

export class GetRegion {
  constructor(readonly code: string) {}
}

export class ListRegions {
  constructor(
    readonly actor: Actor,
    readonly parent?: string,
    readonly level?: string,
    readonly q?: string,
  ) {}
}

const toDto = (row: RegionRow, views: ReadStore): RegionDto => ({
  code: row.code,
  name: row.name,
  level: row.level,
  parentCode: row.parent_code,
  registeredAt: row.registered_at,
  recordedAt: row.recorded_at,
  goLiveOn: row.go_live_on,
  ...judgingOf(views, row.code),
});

@QueryHandler(GetRegion)
export class GetRegionHandler implements IQueryHandler<GetRegion, RegionDto> {
  constructor(private readonly views: ReadStore) {}

  async execute({ code }: GetRegion): Promise<RegionDto> {
    const row = this.views.prepare('SELECT * FROM regions WHERE code = ?').get(code) as RegionRow | undefined;
    if (!row) throw new ProblemException(404, 'REGION_NOT_FOUND', `region ${code} is not registered`);
    return toDto(row, this.views);
  }
}

@QueryHandler(ListRegions)
export class ListRegionsHandler implements IQueryHandler<ListRegions, RegionDto[]> {
  constructor(private readonly views: ReadStore) {}

  async execute({ actor, parent, level, q }: ListRegions): Promise<RegionDto[]> {
    const rows = this.views
      .prepare(
        `SELECT * FROM regions WHERE code >= ? AND code < ? AND (? IS NULL OR parent_code = ?) AND (? IS NULL OR level = ?)
           AND (? IS NULL OR instr(name, ?) > 0)
         ORDER BY code LIMIT 5000`,
      )
      .all(...jurisdictionRange(actor), parent ?? null, parent ?? null, level ?? null, level ?? null, q ?? null, q ?? null) as RegionRow[];
    return rows.map((row) => toDto(row, this.views));
  }
}
