import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { villageOfHousehold } from '@bangfu/domain';
import { judgingOf, overdueVisits, ReadStore, timelinePage, visitCoverage } from '@bangfu/projections';

export class GetTimeline {
  constructor(
    readonly householdId: string,
    readonly after: number,
    readonly limit: number,
  ) {}
}

export class GetVisitCoverage {
  constructor(
    readonly regionPrefix: string,
    readonly month: string,
  ) {}
}

export class ListOverdueVisits {
  constructor(
    readonly regionPrefix: string,
    readonly month: string | undefined,
    readonly open: boolean,
    readonly limit: number,
  ) {}
}

@QueryHandler(GetTimeline)
export class GetTimelineHandler implements IQueryHandler<GetTimeline> {
  constructor(private readonly views: ReadStore) {}

  async execute({ householdId, after, limit }: GetTimeline) {
    const rows = timelinePage(this.views, householdId, after, limit);
    // Facts before the village's go-live are migrated history: shown, marked, and judged by no rule.
    const { onboarding, judgedFrom } = judgingOf(this.views, villageOfHousehold(householdId));
    return {
      householdId,
      onboarding,
      judgedFrom,
      entries: rows.map((row) => ({
        position: row.position,
        eventId: row.event_id,
        streamId: row.stream_id,
        revision: row.revision,
        type: row.type,
        occurredAt: row.occurred_at,
        recordedAt: row.recorded_at,
        actor: { id: row.actor_id, name: row.actor_name },
        data: JSON.parse(row.data),
        migrated: onboarding || (judgedFrom !== null && row.occurred_at < judgedFrom),
      })),
      next: rows.length === limit ? rows.at(-1)?.position : null,
    };
  }
}

/**
 * Coverage in a month: of the households on the register for the whole month, how many had a visit by
 * their responsible cadre (retracted visits do not count), village by village.
 */
@QueryHandler(GetVisitCoverage)
export class GetVisitCoverageHandler implements IQueryHandler<GetVisitCoverage> {
  constructor(private readonly views: ReadStore) {}

  async execute({ regionPrefix, month }: GetVisitCoverage) {
    const rows = visitCoverage(this.views, regionPrefix, month);
    const households = rows.reduce((sum, row) => sum + row.households, 0);
    const visited = rows.reduce((sum, row) => sum + row.visited, 0);
    return {
      month,
      households,
      visited,
      coverage: households ? visited / households : null,
      villages: rows.map((row) => ({
        villageCode: row.village_code,
        villageName: row.village_name,
        households: row.households,
        visited: row.visited,
        coverage: row.households ? row.visited / row.households : null,
      })),
    };
  }
}

@QueryHandler(ListOverdueVisits)
export class ListOverdueVisitsHandler implements IQueryHandler<ListOverdueVisits> {
  constructor(private readonly views: ReadStore) {}

  async execute({ regionPrefix, month, open, limit }: ListOverdueVisits) {
    const rows = overdueVisits(this.views, regionPrefix, { month, open, limit });
    return {
      overdue: rows.map((row) => ({
        householdId: row.household_id,
        headName: row.head_name,
        villageCode: row.village_code,
        month: row.month,
        cadreId: row.cadre_id,
        cadreName: row.cadre_name,
        required: row.required,
        made: row.made,
        policy: { regionCode: row.policy_region, version: row.policy_version },
        markedAt: row.marked_at,
        remindedAt: row.reminded_at,
        escalatedAt: row.escalated_at,
        escalatedTo: row.township_code,
        caughtUpAt: row.caught_up_at,
      })),
    };
  }
}
