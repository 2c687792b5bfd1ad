import { Inject, Injectable } from '@nestjs/common';
import {
  FUND_TIME_FLAG_TYPES,
  fundTimeFlag,
  fundTimeFlags,
  mergeNewestFirst,
  newestFirst,
  newerThan,
  PLAN_FLAG_TYPES,
  planFlag,
  planFlags,
  ReadStore,
  cadreName,
  reviewedFlag,
  reviewsWithStatus,
  reviewOf,
  storedFlags,
  type FlagFilters,
  type ListedFlag,
  type ReviewedFlagRow,
} from '@bangfu/projections';
import { exitFlag, exitFlags, type Clock } from '@bangfu/workflow';
import { BANGFU_CONFIG, codesUnder, type BangfuConfig } from '@bangfu/application';
import { CLOCK } from '../infrastructure/tokens';

/** A flag as the inbox lists it: with its review, and the responsible cadre's name beside the id people do not read. */
export type NamedFlag = ReviewedFlagRow & { cadre_name: string | null };

/** One place flags are read from, in the inbox's order: a flag table, or one rule judged from the time it started. */
interface FlagSource {
  /** The types it can hold (none named: any, filtered by its own query). */
  types?: readonly string[];
  /** Whether its flags can be about a fund (the `?fund=` filter reads no other). */
  aboutFunds: boolean;
  read(range: readonly [string, string], filters: FlagFilters): Iterable<ListedFlag>;
}

/**
 * Every red flag of every area in one list: those the views raise as events arrive (visits, funds, exits) and those
 * raised by time passing (idle funds, unconfirmed disbursements, overdue projects and measures, households without a
 * plan, problems no measure answered), each with its handling status (open until someone explains, confirms or
 * closes it) and who acted. Every source is read newest first and only as far as the page, so a page of 50 costs
 * about 50 rows of each source whatever the size of the division.
 */
@Injectable()
export class AllFlags {
  private readonly sources: readonly FlagSource[];

  constructor(
    private readonly views: ReadStore,
    @Inject(BANGFU_CONFIG) private readonly config: BangfuConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    const stored = (table: string, aboutFunds: boolean): FlagSource => ({
      aboutFunds,
      read: (range, filters) => storedFlags(views, table, range, filters),
    });
    this.sources = [
      stored('flags', false),
      stored('fund_flags', true),
      { aboutFunds: false, read: (range, filters) => exitFlags(views, range, filters) },
      ...FUND_TIME_FLAG_TYPES.map((type): FlagSource => ({
        types: [type],
        aboutFunds: type !== 'PROJECT_OVERDUE',
        read: (range, { to, fund }) => fundTimeFlags(views, type, range, this.clock.now(), this.thresholds(), { before: to, fund }),
      })),
      ...PLAN_FLAG_TYPES.map((type): FlagSource => ({
        types: [type],
        aboutFunds: false,
        read: (range, { to }) => planFlags(views, type, range, this.clock.now(), to),
      })),
    ];
  }

  list(regionPrefix: string, filters: FlagFilters, limit: number): NamedFlag[] {
    const range = codesUnder(regionPrefix);
    const { type, status, from, to, fund } = filters;
    // Handled flags are few (each is a person's act): read them from their reviews.
    if (status && status !== 'open') return this.handled(range, filters, limit);
    const sources = this.sources
      .filter((source) => (!type || !source.types || source.types.includes(type)) && (!fund || source.aboutFunds))
      .map((source) => newerThan(source.read(range, filters), from));
    const matches = (flag: ListedFlag) =>
      (!type || flag.type === type) &&
      (!to || flag.occurred_at < to) &&
      (!fund || fundOf(flag) === fund) &&
      (!status || (reviewOf(this.views, flag.flag_id)?.status ?? 'open') === 'open');
    return mergeNewestFirst(sources, matches, limit).map((flag) => this.named(this.withReview(flag)));
  }

  /** One flag by id, wherever it is raised. */
  find(flagId: string): NamedFlag | undefined {
    const flag = this.reviewed(flagId);
    return flag && this.named(flag);
  }

  private reviewed(flagId: string): ReviewedFlagRow | undefined {
    const stored = reviewedFlag(this.views, flagId);
    if (stored) return stored;
    const now = this.clock.now();
    const flag =
      exitFlag(this.views, flagId) ?? fundTimeFlag(this.views, flagId, now, this.thresholds()) ?? planFlag(this.views, flagId, now);
    return flag && this.withReview(flag);
  }

  private handled(range: readonly [string, string], { type, status, from, to, fund }: FlagFilters, limit: number): NamedFlag[] {
    // Named once the page is cut: a handled flag outside it costs no name lookup.
    return reviewsWithStatus(this.views, status!)
      .map((flagId) => this.reviewed(flagId))
      .filter(
        (flag): flag is ReviewedFlagRow =>
          !!flag &&
          flag.village_code >= range[0] &&
          flag.village_code < range[1] &&
          (!type || flag.type === type) &&
          (!from || flag.occurred_at >= from) &&
          (!to || flag.occurred_at < to) &&
          (!fund || fundOf(flag) === fund),
      )
      .sort(newestFirst)
      .slice(0, limit)
      .map((flag) => this.named(flag));
  }

  private withReview(flag: ListedFlag): ReviewedFlagRow {
    const review = reviewOf(this.views, flag.flag_id);
    return { ...flag, status: review?.status ?? 'open', review: review?.history ?? null };
  }

  private named(flag: ReviewedFlagRow): NamedFlag {
    return { ...flag, cadre_name: flag.cadre_id === null ? null : (cadreName(this.views, flag.cadre_id) ?? null) };
  }

  private thresholds() {
    return { idleDays: this.config.fundIdleDays, receiptDays: this.config.receiptDays };
  }
}

const fundOf = (flag: ListedFlag) => (JSON.parse(flag.details) as { fundId?: string }).fundId;

export function flagView(row: NamedFlag) {
  return {
    flagId: row.flag_id,
    type: row.type,
    status: row.status,
    householdId: row.household_id,
    villageCode: row.village_code,
    cadreId: row.cadre_id,
    cadreName: row.cadre_name,
    occurredAt: row.occurred_at,
    until: row.period_to,
    raisedAt: row.raised_at,
    details: JSON.parse(row.details),
    eventIds: JSON.parse(row.event_ids),
    handling: row.review ? JSON.parse(row.review) : [],
  };
}
