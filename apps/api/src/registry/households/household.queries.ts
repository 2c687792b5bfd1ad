import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { headName, householdDecider, householdStreamId, responsibleAt, type HouseholdEvent, type HouseholdState } from '@bangfu/domain';
import { EVENT_STORE, type EventStore } from '@bangfu/eventstore';
import { cadreName, householdRow, householdsPage, ReadStore, type HouseholdWithCadre } from '@bangfu/projections';
import { ProblemException } from '../../http/problem';

export class GetHousehold {
  constructor(
    readonly householdId: string,
    readonly asOf?: string,
    readonly knownAt?: string,
  ) {}
}

export class ListRegionHouseholds {
  constructor(
    readonly regionPrefix: string,
    readonly limit: number,
    readonly after?: string,
  ) {}
}

const notFound = (id: string) => new ProblemException(404, 'HOUSEHOLD_NOT_FOUND', `household ${id} is not registered`);

const summary = (row: HouseholdWithCadre) => ({
  householdId: row.household_id,
  villageCode: row.village_code,
  headName: row.head_name,
  population: row.population,
  category: row.category,
  causes: JSON.parse(row.causes),
  status: row.status,
  exited: row.exited === 1,
  identifiedAt: row.identified_at,
  // How the household came on the register: a 精准识别 case, or an existing register taken over (导入).
  registration: { source: row.source, identificationId: row.identification_id },
  removedAt: row.removed_at,
  removalId: row.removal_id,
  responsibleCadre: row.cadre_id ? { cadreId: row.cadre_id, name: row.cadre_name, since: row.cadre_since } : null,
});

/**
 * One household, in one shape whatever the time parameters: the register's fields, the responsible cadre,
 * the profile, and — for a historical read — what the reconstruction considered (null for the current read).
 */
@QueryHandler(GetHousehold)
export class GetHouseholdHandler implements IQueryHandler<GetHousehold> {
  constructor(
    private readonly views: ReadStore,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute({ householdId, asOf, knownAt }: GetHousehold) {
    if (asOf || knownAt) return this.reconstruct(householdId, asOf, knownAt);
    const row = householdRow(this.views, householdId);
    if (!row) throw notFound(householdId);
    return {
      ...summary(row),
      profile: JSON.parse(row.profile),
      recordedAt: row.recorded_at,
      asOf: null,
      knownAt: null,
      reconstruction: null,
    };
  }

  /**
   * "What did the record say on K about T": the household's own stream, folded over the events recorded
   * by K whose business time is not after T. One aggregate, so folding per request is cheap and exact.
   */
  private async reconstruct(householdId: string, asOf?: string, knownAt?: string) {
    const events = await this.store.readStream(householdStreamId(householdId));
    const asOfTime = asOf ?? new Date().toISOString();
    const considered = events.filter(
      (event) => (!knownAt || event.metadata.recordedAt <= knownAt) && Date.parse(event.metadata.occurredAt) <= Date.parse(asOfTime),
    );
    const state = considered.reduce<HouseholdState>(
      (current, event) => householdDecider.evolve(current, event as unknown as HouseholdEvent),
      householdDecider.initialState(),
    );
    if (state.status === 'unregistered') throw notFound(householdId);
    const cadreId = responsibleAt(state, asOfTime);
    const period = state.assignments.findLast((p) => p.cadreId === cadreId && Date.parse(p.from) <= Date.parse(asOfTime));
    const cadre = cadreId ? cadreName(this.views, cadreId) : undefined;
    const registered = considered.find((event) => event.type === 'HouseholdRegistered')?.data as Extract<
      HouseholdEvent,
      { type: 'HouseholdRegistered' }
    >['data'];
    const removed = considered.findLast((event) => event.type === 'HouseholdRemoved');
    return {
      householdId,
      villageCode: state.villageCode,
      headName: headName(state.profile),
      population: state.profile.members.length,
      category: state.profile.category,
      causes: state.profile.causes,
      status: state.status,
      exited: state.exited,
      identifiedAt: state.identifiedAt,
      registration: { source: registered.source, identificationId: registered.identificationId ?? null },
      removedAt: removed?.metadata.occurredAt ?? null,
      removalId: (removed?.data as { removalId?: string } | undefined)?.removalId ?? null,
      responsibleCadre: cadreId ? { cadreId, name: cadre ?? null, since: period?.from ?? null } : null,
      profile: state.profile,
      recordedAt: considered[0].metadata.recordedAt,
      asOf: asOfTime,
      knownAt: knownAt ?? null,
      reconstruction: {
        eventsConsidered: considered.length,
        eventsInStream: events.length,
        visits: [...state.visits.values()],
      },
    };
  }
}

@QueryHandler(ListRegionHouseholds)
export class ListRegionHouseholdsHandler implements IQueryHandler<ListRegionHouseholds> {
  constructor(private readonly views: ReadStore) {}

  async execute({ regionPrefix, limit, after }: ListRegionHouseholds) {
    const rows = householdsPage(this.views, regionPrefix, after ?? '', limit);
    return { households: rows.map(summary), next: rows.length === limit ? rows.at(-1)?.household_id : null };
  }
}
