import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { Actor } from '@bangfu/domain';
import { ReadStore } from '@bangfu/projections';
import { jurisdictionRange } from '@bangfu/application';
import { readDutyRecord } from '../duty-record/duty-record';
import { visibleCadre } from './cadre.queries';

/** 责任回溯 of a cadre: what the record said at `knownAt` about the period [from, to). */
export class GetCadreRecord {
  constructor(
    readonly actor: Actor,
    readonly cadreId: string,
    readonly from: string,
    readonly to: string,
    readonly knownAt: string,
  ) {}
}

/**
 * Who held what, when, what they did and what they missed, for one cadre and a period, as the record stood at
 * `knownAt`. Only work in the reader's jurisdiction is shown (as for the cadre's activity).
 */
@QueryHandler(GetCadreRecord)
export class GetCadreRecordHandler implements IQueryHandler<GetCadreRecord> {
  constructor(private readonly views: ReadStore) {}

  async execute({ actor, cadreId, from, to, knownAt }: GetCadreRecord) {
    const cadre = visibleCadre(this.views, actor, cadreId);
    return {
      cadre: { cadreId, name: cadre.name, unitName: cadre.unit_name, regionCode: cadre.region_code },
      period: { from, to },
      knownAt,
      ...readDutyRecord(this.views, { cadreId, villages: jurisdictionRange(actor), from, to, knownAt }),
    };
  }
}
