import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { monthEnd, monthStart } from '@bangfu/domain';
import { cadreName, cadreRecords, endedMonths, ReadStore, villageStandings, visitDuties, type MonthRange } from '@bangfu/projections';
import { ruralPopulationOf, type Clock } from '@bangfu/workflow';
import { CLOCK } from '../infrastructure/tokens';
import { CADRE_FORMULA, cadreList, cadreRates, cadreScore, ranked, VILLAGE_FORMULA, villageList, villageScore } from './ranking-formulas';

export class GetCadreRankings {
  constructor(
    readonly regionPrefix: string,
    readonly months: MonthRange,
  ) {}
}

export class GetVillageRankings {
  constructor(
    readonly regionPrefix: string,
    readonly months: MonthRange,
  ) {}
}

const NO_DUTY = { owed: 0, missed: 0 };
const NO_RECORD = { visits: 0, backfilled: 0, handovers: 0, handoversMissed: 0, measuresDue: 0, measuresOnTime: 0, findings: 0 };

/** 帮扶责任人 红黑榜: each cadre of the division ranked on their record over the months, with every input shown. */
@QueryHandler(GetCadreRankings)
export class GetCadreRankingsHandler implements IQueryHandler<GetCadreRankings> {
  constructor(
    private readonly views: ReadStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ regionPrefix, months }: GetCadreRankings) {
    const now = this.clock.now();
    const duties = visitDuties(this.views, regionPrefix, endedMonths(months, now), 'cadre');
    const records = cadreRecords(this.views, regionPrefix, monthStart(months.from), monthEnd(months.to), now);
    const ids = [...new Set([...duties.keys(), ...records.keys()])];
    const entries = ids.map((cadreId) => {
      const duty = duties.get(cadreId) ?? NO_DUTY;
      // A cadre owed visits who did nothing else in the months has a record of zeros.
      const record = records.get(cadreId) ?? { ...NO_RECORD, cadreId, name: cadreName(this.views, cadreId) ?? null };
      const rates = cadreRates(duty, record);
      const score = cadreScore(rates, record.findings);
      const { cadreId: _id, name, ...counts } = record;
      return {
        cadreId,
        name: name ?? cadreId,
        score,
        list: cadreList(score, rates, duty, record.findings),
        rates,
        inputs: { ...duty, ...counts },
      };
    });
    return { regionCode: regionPrefix, months, asOf: now.toISOString(), formula: CADRE_FORMULA, rankings: ranked(entries) };
  }
}

/** 村 红黑榜: each village of the division ranked on the visit rule and what is open against it, with its figures. */
@QueryHandler(GetVillageRankings)
export class GetVillageRankingsHandler implements IQueryHandler<GetVillageRankings> {
  constructor(
    private readonly views: ReadStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ regionPrefix, months }: GetVillageRankings) {
    const now = this.clock.now();
    const duties = visitDuties(this.views, regionPrefix, endedMonths(months, now), 'village');
    const entries = villageStandings(this.views, regionPrefix, { fromMonth: months.from, toMonth: months.to }, now).map((standing) => {
      const duty = duties.get(standing.code) ?? NO_DUTY;
      const score = villageScore(duty, standing);
      // 贫困发生率, shown beside the rank (the exit indicators judge it against the standard in force).
      const ruralPopulation = ruralPopulationOf(this.views, standing.code);
      return {
        villageCode: standing.code,
        name: standing.name,
        score,
        list: villageList(score, standing),
        inputs: {
          owed: duty.owed,
          missed: duty.missed,
          coverage: duty.owed === 0 ? null : (duty.owed - duty.missed) / duty.owed,
          openFindings: standing.openFindings,
          measuresOverdue: standing.measuresOverdue,
          teamReportsMissed: standing.teamReportsMissed,
          households: standing.households,
          exited: standing.exited,
          poorPopulation: standing.poorPopulation,
          ruralPopulation,
          incidencePercent: ruralPopulation ? Math.round((standing.poorPopulation * 10_000) / ruralPopulation) / 100 : null,
        },
      };
    });
    return { regionCode: regionPrefix, months, asOf: now.toISOString(), formula: VILLAGE_FORMULA, rankings: ranked(entries) };
  }
}
