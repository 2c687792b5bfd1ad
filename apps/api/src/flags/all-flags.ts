import { Inject, Injectable } from '@nestjs/common';
import { HELP_PLAN_DEADLINES } from '@bangfu/domain';
import {
  FUND_TIME_FLAG_TYPES,
  fundTimeFlags,
  PLAN_FLAG_TYPES,
  planFlags,
  type FlagRow,
  ReadStore,
  reviewedFlag,
  reviewedFlags,
  withReviews,
  type FlagFilters,
  type ReviewedFlagRow,
} from '@bangfu/projections';
import { exitFlag, exitFlags, type Clock } from '@bangfu/workflow';
import { BANGFU_CONFIG, codesUnder, type BangfuConfig } from '@bangfu/application';
import { SELF_VERIFICATION_FLAG_TYPES, selfVerificationFlags } from '../exits/exit-flags';
import { CLOCK } from '../infrastructure/tokens';

/**
 * Every red flag of every area in one list: those the views raise as events arrive (visits, funds, exits) and
 * those judged when asked (idle funds, unconfirmed disbursements, overdue projects, self-verification), each
 * with its handling status (open until someone explains, confirms or closes it) and who acted.
 */
@Injectable()
export class AllFlags {
  constructor(
    private readonly views: ReadStore,
    @Inject(BANGFU_CONFIG) private readonly config: BangfuConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  list(regionPrefix: string, filters: FlagFilters, limit: number): ReviewedFlagRow[] {
    const { type, status, from, to, fund } = filters;
    const range = codesUnder(regionPrefix);
    // The workflow's exit flags are few (a handful per exit case): read whole, their handling joined here.
    const exits = withReviews(this.views, exitFlags(this.views, range, filters));
    const unstored = [...exits, ...this.judgedNow(regionPrefix, type)].filter(
      (flag) =>
        (!type || flag.type === type) &&
        (!status || flag.status === status) &&
        (!from || flag.occurred_at >= from) &&
        (!to || flag.occurred_at < to) &&
        (!fund || (JSON.parse(flag.details) as { fundId?: string }).fundId === fund),
    );
    return [
      ...reviewedFlags(this.views, 'flags', range, filters, limit),
      ...reviewedFlags(this.views, 'fund_flags', range, filters, limit),
      ...unstored,
    ]
      .sort((a, b) => (a.occurred_at === b.occurred_at ? a.flag_id.localeCompare(b.flag_id) : b.occurred_at.localeCompare(a.occurred_at)))
      .slice(0, limit);
  }

  /** One flag by id, wherever it is raised. */
  find(flagId: string): ReviewedFlagRow | undefined {
    const stored = reviewedFlag(this.views, flagId);
    if (stored) return stored;
    const exit = exitFlag(this.views, flagId);
    if (exit) return withReviews(this.views, [exit])[0];
    return this.judgedNow('').find((flag) => flag.flag_id === flagId);
  }

  /** The flags judged when asked, by the judges that can raise `type` (all of them without one). */
  private judgedNow(regionPrefix: string, type?: string): ReviewedFlagRow[] {
    const now = this.clock.now();
    const thresholds = { idleDays: this.config.fundIdleDays, receiptDays: this.config.receiptDays };
    const judges: [types: readonly string[], judge: () => Omit<FlagRow, 'position'>[]][] = [
      [FUND_TIME_FLAG_TYPES, () => fundTimeFlags(this.views, regionPrefix, now, thresholds)],
      [SELF_VERIFICATION_FLAG_TYPES, () => selfVerificationFlags(this.views, regionPrefix)],
      [PLAN_FLAG_TYPES, () => planFlags(this.views, regionPrefix, now, HELP_PLAN_DEADLINES)],
    ];
    const raised = judges.filter(([types]) => !type || types.includes(type)).flatMap(([, judge]) => judge());
    return withReviews(this.views, raised);
  }
}

export function flagView(row: ReviewedFlagRow) {
  return {
    flagId: row.flag_id,
    type: row.type,
    status: row.status,
    householdId: row.household_id,
    villageCode: row.village_code,
    cadreId: row.cadre_id,
    occurredAt: row.occurred_at,
    until: row.period_to,
    raisedAt: row.raised_at,
    details: JSON.parse(row.details),
    eventIds: JSON.parse(row.event_ids),
    handling: row.review ? JSON.parse(row.review) : [],
  };
}
