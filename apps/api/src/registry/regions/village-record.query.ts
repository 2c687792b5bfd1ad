import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { codesUnder, villageDecider, villageStreamId, type VillageEvent } from '@bangfu/domain';
import { EVENT_STORE, type EventStore } from '@bangfu/eventstore';
import { cadreName, ReadStore, regionRow, unitName } from '@bangfu/projections';
import { ProblemException } from '../../http/problem';
import { RecordFacts } from '@bangfu/application';
import { readDutyRecord } from '../duty-record/duty-record';

/** 责任回溯 of a village: what the record said at `knownAt` about the period [from, to). */
export class GetVillageRecord {
  constructor(
    readonly villageCode: string,
    readonly from: string,
    readonly to: string,
    readonly knownAt: string,
  ) {}
}

interface Period {
  from: string;
  to: string | null;
}

const overlaps = (p: Period, from: string, to: string) => p.from < to && (p.to === null || p.to > from);

/**
 * Who was responsible for a village, when: its 包村 unit and that unit's lead officials, its resident work team
 * and 第一书记, and who held each of its households — then what was done there (visits, exit steps) and what was
 * missed (overdue months, 对接 missed), all as the record stood at `knownAt`. The unit and team periods come from
 * the village's own stream, read up to `knownAt` by record time, so a later reassignment does not rewrite them.
 */
@QueryHandler(GetVillageRecord)
export class GetVillageRecordHandler implements IQueryHandler<GetVillageRecord> {
  constructor(
    private readonly views: ReadStore,
    private readonly facts: RecordFacts,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute({ villageCode, from, to, knownAt }: GetVillageRecord) {
    const village = regionRow(this.views, villageCode);
    if (!village || village.level !== 'village') {
      throw new ProblemException(404, 'VILLAGE_NOT_FOUND', `${villageCode} is not a registered village`);
    }
    const events = (await this.store.readStream(villageStreamId(villageCode))).filter((e) => e.metadata.recordedAt <= knownAt);
    const state = events.reduce((s, e) => villageDecider.evolve(s, e as unknown as VillageEvent), villageDecider.initialState());
    // Each assignment event opens the next period, in order: the i-th period is the i-th event's.
    const unitEvents = events.filter((e) => e.type === 'UnitAssignedToVillage');
    const teamEvents = events.filter((e) => e.type === 'WorkTeamAssigned');
    const units = await Promise.all(
      state.units
        .map((period, i) => ({ period, event: unitEvents[i] }))
        .filter(({ period }) => overlaps(period, from, to))
        .map(async ({ period, event }) => ({
          unitId: period.unitId,
          name: this.unitName(period.unitId),
          from: period.from,
          to: period.to,
          reason: (event.data as { reason: string }).reason,
          recordedAt: event.metadata.recordedAt,
          leads: (await this.facts.unitLeads(period.unitId, knownAt)).filter((lead) => overlaps(lead, period.from, period.to ?? to)),
        })),
    );
    const teams = state.teams
      .map((period, i) => ({ period, event: teamEvents[i] }))
      .filter(({ period }) => overlaps(period, from, to))
      .map(({ period, event }) => ({
        from: period.from,
        to: period.to,
        reason: (event.data as { reason: string }).reason,
        recordedAt: event.metadata.recordedAt,
        firstSecretary: this.cadre(period.firstSecretaryId),
        members: period.memberIds.map((id) => this.cadre(id)),
      }));
    return {
      village: { code: village.code, name: village.name },
      period: { from, to },
      knownAt,
      units,
      teams,
      ...readDutyRecord(this.views, { villages: codesUnder(villageCode), from, to, knownAt }),
    };
  }

  private unitName(unitId: string): string | null {
    return unitName(this.views, unitId) ?? null;
  }

  private cadre(cadreId: string): { cadreId: string; name: string | null } {
    return { cadreId, name: cadreName(this.views, cadreId) ?? null };
  }
}
