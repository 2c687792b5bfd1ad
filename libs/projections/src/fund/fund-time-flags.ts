import { codesUnder, dayStart, fundRowBalance, shanghaiDate } from '@bangfu/domain';
import { first, type ListedFlag } from '../flags/flag-pages';
import type { ReadStore } from '../store/read-store';
import type { DisbursementRow, FundRow } from './funds.projection';
import type { ProjectRow } from './projects.projection';

const DAY = 86_400_000;

/** The types judged from the fund views by the passing of time. */
export const FUND_TIME_FLAG_TYPES = ['FUND_IDLE', 'UNCONFIRMED_DISBURSEMENT', 'PROJECT_OVERDUE'] as const;
export type FundTimeFlagType = (typeof FUND_TIME_FLAG_TYPES)[number];

/** How long money may sit (滞留) and a payment wait for its receipt, as the county configured them. */
export interface FundThresholds {
  idleDays: number;
  receiptDays: number;
}

const after = (instant: string, days: number) => new Date(Date.parse(instant) + days * DAY).toISOString();
/** The end of a Shanghai day: a project due that day is overdue from this instant. */
const endOfDay = (date: string) => after(dayStart(date), 1);

/**
 * Flags about time passing, read in the inbox's order (no event marks the moment money became idle: the views keep
 * the instant each clock started — a balance's last movement, a payment, a due date — and a flag is raised once
 * its threshold has run out before `now`): FUND_IDLE — a balance untouched for `idleDays` (滞留);
 * UNCONFIRMED_DISBURSEMENT — no receipt after `receiptDays`; PROJECT_OVERDUE — not completed by its due date (the
 * flag's instant is the end of that Shanghai day). Each query walks an index on the clock's start newest first, so
 * a page reads no further than it shows; `before` (the inbox's `to`) bounds the newest flag.
 */
export function fundTimeFlags(
  views: ReadStore,
  type: FundTimeFlagType,
  range: readonly [string, string],
  now: Date,
  thresholds: FundThresholds,
  { before, fund }: { before?: string; fund?: string } = {},
): Iterable<ListedFlag> {
  // Raised before now, and before the inbox's `to`: the earlier bounds the clock's start.
  const until = before && before < now.toISOString() ? before : now.toISOString();
  if (type === 'FUND_IDLE') return idleFunds(views, range, until, thresholds.idleDays, fund);
  if (type === 'UNCONFIRMED_DISBURSEMENT')
    return unconfirmed(views, range, until, thresholds.receiptDays, fund ? { fundId: fund } : undefined);
  return overdueProjects(views, range, now, until);
}

/** One of these flags by id, if it is raised at `now`. */
export function fundTimeFlag(views: ReadStore, flagId: string, now: Date, thresholds: FundThresholds): ListedFlag | undefined {
  const [type, ...rest] = flagId.split(':');
  const everywhere = codesUnder('');
  const at = now.toISOString();
  if (type === 'FUND_IDLE') return first(idleFunds(views, everywhere, at, thresholds.idleDays, rest.join(':')));
  if (type === 'PROJECT_OVERDUE') return first(overdueProjects(views, everywhere, now, at, rest.join(':')));
  if (type !== 'UNCONFIRMED_DISBURSEMENT') return undefined;
  // The id is the fund's and the payment's, joined by a colon either may contain: try each split.
  for (let i = 1; i < rest.length; i++) {
    const id = { fundId: rest.slice(0, i).join(':'), disbursementId: rest.slice(i).join(':') };
    const found = first(unconfirmed(views, everywhere, at, thresholds.receiptDays, id));
    if (found) return found;
  }
  return undefined;
}

function* idleFunds(views: ReadStore, range: readonly [string, string], until: string, idleDays: number, fundId?: string) {
  const rows = views
    .prepare(
      `SELECT * FROM funds WHERE region_code >= ? AND region_code < ? AND last_movement_at < ? AND (? IS NULL OR fund_id = ?)
       ORDER BY last_movement_at DESC, fund_id`,
    )
    .iterate(...range, after(until, -idleDays), fundId ?? null, fundId ?? null) as IterableIterator<FundRow>;
  for (const fund of rows) {
    const balanceFen = fundRowBalance(fund);
    if (balanceFen <= 0) continue;
    const occurredAt = after(fund.last_movement_at, idleDays);
    yield {
      flag_id: `FUND_IDLE:${fund.fund_id}`,
      type: 'FUND_IDLE' satisfies FundTimeFlagType,
      household_id: null,
      village_code: fund.region_code,
      cadre_id: null,
      occurred_at: occurredAt,
      period_to: null,
      raised_at: occurredAt,
      details: JSON.stringify({ fundId: fund.fund_id, balanceFen, idleSince: fund.last_movement_at, thresholdDays: idleDays }),
      event_ids: '[]',
    };
  }
}

function* unconfirmed(
  views: ReadStore,
  range: readonly [string, string],
  until: string,
  receiptDays: number,
  id?: { fundId: string; disbursementId?: string },
) {
  // One fund's payments are read through its payment-order index, every fund's through the unconfirmed ones by time.
  const ofFund = id ? ` AND fund_id = ?${id.disbursementId === undefined ? '' : ' AND disbursement_id = ?'}` : '';
  const rows = views
    .prepare(
      `SELECT * FROM fund_disbursements
       WHERE confirmed_at IS NULL AND disbursed_at < ? AND +region_code >= ? AND +region_code < ? AND recovered_fen < amount_fen${ofFund}
       ORDER BY disbursed_at DESC, 'UNCONFIRMED_DISBURSEMENT:' || fund_id || ':' || disbursement_id`,
    )
    .iterate(
      after(until, -receiptDays),
      ...range,
      ...(id ? [id.fundId] : []),
      ...(id?.disbursementId === undefined ? [] : [id.disbursementId]),
    ) as IterableIterator<DisbursementRow>;
  for (const d of rows) {
    const occurredAt = after(d.disbursed_at, receiptDays);
    yield {
      flag_id: `UNCONFIRMED_DISBURSEMENT:${d.fund_id}:${d.disbursement_id}`,
      type: 'UNCONFIRMED_DISBURSEMENT' satisfies FundTimeFlagType,
      household_id: d.recipient_kind === 'household' ? d.recipient_id : null,
      village_code: d.region_code,
      cadre_id: null,
      occurred_at: occurredAt,
      period_to: null,
      raised_at: occurredAt,
      details: JSON.stringify({
        fundId: d.fund_id,
        disbursementId: d.disbursement_id,
        amountFen: d.amount_fen,
        thresholdDays: receiptDays,
      }),
      event_ids: JSON.stringify([d.event_id]),
    };
  }
}

function* overdueProjects(views: ReadStore, range: readonly [string, string], now: Date, until: string, projectId?: string) {
  // Due before the Shanghai day of `now`: the day it was due has ended.
  const rows = views
    .prepare(
      `SELECT * FROM projects WHERE completed_on IS NULL AND due_on < ? AND +region_code >= ? AND +region_code < ?
         AND (? IS NULL OR project_id = ?) ORDER BY due_on DESC, project_id`,
    )
    .iterate(shanghaiDate(now), ...range, projectId ?? null, projectId ?? null) as IterableIterator<ProjectRow>;
  for (const project of rows) {
    const occurredAt = endOfDay(project.due_on);
    if (occurredAt >= until && until < now.toISOString()) continue;
    yield {
      flag_id: `PROJECT_OVERDUE:${project.project_id}`,
      type: 'PROJECT_OVERDUE' satisfies FundTimeFlagType,
      household_id: null,
      village_code: project.region_code,
      cadre_id: null,
      occurred_at: occurredAt,
      period_to: null,
      raised_at: occurredAt,
      details: JSON.stringify({
        projectId: project.project_id,
        name: project.name,
        dueOn: project.due_on,
        leadUnitId: project.lead_unit_id,
      }),
      event_ids: '[]',
    };
  }
}
