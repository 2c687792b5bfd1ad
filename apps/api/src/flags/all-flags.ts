import { Inject, Injectable } from '@nestjs/common';
import { ReadStore, type FlagRow } from '@bangfu/projections';
import type { Clock } from '@bangfu/workflow';
import { BANGFU_CONFIG, type BangfuConfig, codesUnder } from '@bangfu/application';
import { selfVerificationFlags } from '../exits/exit-flags';
import { fundTimeFlags } from '../funds/time-flags';
import { CLOCK } from '../infrastructure/tokens';

export interface FlagFilters {
  type?: string;
  status?: string;
  from?: string;
  to?: string;
  /** Only the flags about this fund (idle, duplicate voucher, ineligible recipient, unconfirmed receipt). */
  fund?: string;
}

type Flag = Omit<FlagRow, 'position'> & { status: string; review: string | null };

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

  list(regionPrefix: string, { type, status, from, to, fund }: FlagFilters, limit: number): Flag[] {
    const range = codesUnder(regionPrefix);
    const filters = [type ?? null, type ?? null, status ?? null, status ?? null, from ?? null, from ?? null, to ?? null, to ?? null];
    const ofFund = fund ?? null;
    const stored = (table: string) =>
      this.views
        .prepare(
          `SELECT f.*, COALESCE(r.status, 'open') AS status, r.history AS review FROM ${table} f LEFT JOIN flag_reviews r ON r.flag_id = f.flag_id
           WHERE f.village_code >= ? AND f.village_code < ? AND (? IS NULL OR f.type = ?) AND (? IS NULL OR COALESCE(r.status, 'open') = ?)
             AND (? IS NULL OR f.occurred_at >= ?) AND (? IS NULL OR f.occurred_at < ?)
             AND (? IS NULL OR json_extract(f.details, '$.fundId') = ?)
           ORDER BY f.occurred_at DESC, f.flag_id LIMIT ?`,
        )
        .all(...range, ...filters, ofFund, ofFund, limit) as Flag[];
    const judgedNow = this.judgedNow(regionPrefix).filter(
      (flag) =>
        (!type || flag.type === type) &&
        (!status || flag.status === status) &&
        (!from || flag.occurred_at >= from) &&
        (!to || flag.occurred_at < to) &&
        (!fund || (JSON.parse(flag.details) as { fundId?: string }).fundId === fund),
    );
    return [...stored('flags'), ...stored('fund_flags'), ...stored('exit_flags'), ...judgedNow]
      .sort((a, b) => (a.occurred_at === b.occurred_at ? a.flag_id.localeCompare(b.flag_id) : b.occurred_at.localeCompare(a.occurred_at)))
      .slice(0, limit);
  }

  /** One flag by id, wherever it is raised. */
  find(flagId: string): Flag | undefined {
    for (const table of ['flags', 'fund_flags', 'exit_flags']) {
      const row = this.views
        .prepare(
          `SELECT f.*, COALESCE(r.status, 'open') AS status, r.history AS review FROM ${table} f LEFT JOIN flag_reviews r ON r.flag_id = f.flag_id WHERE f.flag_id = ?`,
        )
        .get(flagId) as Flag | undefined;
      if (row) return row;
    }
    return this.judgedNow('').find((flag) => flag.flag_id === flagId);
  }

  private judgedNow(regionPrefix: string): Flag[] {
    const raised = [
      ...fundTimeFlags(this.views, regionPrefix, this.clock.now(), {
        idleDays: this.config.fundIdleDays,
        receiptDays: this.config.receiptDays,
      }),
      ...selfVerificationFlags(this.views, regionPrefix),
    ];
    const reviews = this.views.prepare('SELECT status, history FROM flag_reviews WHERE flag_id = ?');
    return raised.map((flag) => {
      const review = reviews.get(flag.flag_id) as { status: string; history: string } | undefined;
      return { ...flag, status: review?.status ?? 'open', review: review?.history ?? null };
    });
  }
}

export function flagView(row: Flag) {
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
