import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { helpPlanStreamId, planAsOf } from '@bangfu/domain';
import { EVENT_STORE, type EventStore } from '@bangfu/eventstore';
import { cadreName, ReadStore } from '@bangfu/projections';

export class GetHelpPlan {
  constructor(
    readonly householdId: string,
    readonly asOf?: string,
    readonly knownAt?: string,
  ) {}
}

/**
 * 一户一策 of one household: every measure as it stood at `asOf` (business time) as the record stood at `knownAt`
 * (record time) — now, when both are omitted — with the events it was folded from. One small stream per
 * household, so the plan is folded from it on every read and is exact at any time.
 */
@QueryHandler(GetHelpPlan)
export class GetHelpPlanHandler implements IQueryHandler<GetHelpPlan> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly views: ReadStore,
  ) {}

  async execute({ householdId, asOf, knownAt }: GetHelpPlan) {
    const events = await this.store.readStream(helpPlanStreamId(householdId));
    const { plan: state, considered } = planAsOf(events, { asOf, knownAt });
    const measures = [...state.measures.values()];
    return {
      householdId,
      asOf: asOf ?? null,
      knownAt: knownAt ?? null,
      counts: {
        measures: measures.length,
        open: measures.filter((m) => m.status === 'open').length,
        delivered: measures.filter((m) => m.status === 'delivered').length,
        notDelivered: measures.filter((m) => m.status === 'not_delivered').length,
      },
      measures: measures.map((m) => ({
        ...m.spec,
        // The registry's name for the cadre (a name is not versioned; the id is what the plan recorded).
        cadreName: cadreName(this.views, m.spec.cadreId) ?? null,
        status: m.status,
        revisions: m.revisions,
        deliveredOn: m.deliveredOn,
        onTime: m.onTime,
        via: m.via,
        reason: m.reason,
      })),
      history: considered.map((event) => ({
        eventId: event.id,
        type: event.type,
        occurredAt: event.metadata.occurredAt,
        recordedAt: event.metadata.recordedAt,
        actor: { id: event.metadata.actor.id, name: event.metadata.actor.name ?? null },
        data: event.data,
      })),
    };
  }
}
