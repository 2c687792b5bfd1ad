import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { Actor } from '@bangfu/domain';
import { judgingOf, ReadStore, regionRow, regionsIn, type RegionRow } from '@bangfu/projections';
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
    const row = regionRow(this.views, code);
    if (!row) throw new ProblemException(404, 'REGION_NOT_FOUND', `region ${code} is not registered`);
    return toDto(row, this.views);
  }
}

@QueryHandler(ListRegions)
export class ListRegionsHandler implements IQueryHandler<ListRegions, RegionDto[]> {
  constructor(private readonly views: ReadStore) {}

  async execute({ actor, parent, level, q }: ListRegions): Promise<RegionDto[]> {
    const rows = regionsIn(this.views, jurisdictionRange(actor), { parent, level, q });
    return rows.map((row) => toDto(row, this.views));
  }
}
