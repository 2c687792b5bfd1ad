import { codesUnder, dayStart, fundRowBalance, shanghaiDate } from '@bangfu/domain';
import type { FlagRow } from '../household/visit-flags.projection';
import type { ReadStore } from '../store/read-store';
import type { DisbursementRow, FundRow } from './funds.projection';
import type { ProjectRow } from './projects.projection';

const DAY = 86_400_000;

/** The types `fundTimeFlags` raises: a query for any other type needs no judging of funds. */
export const FUND_TIME_FLAG_TYPES = ['FUND_IDLE', 'UNCONFIRMED_DISBURSEMENT', 'PROJECT_OVERDUE'] as const;
type JudgedType = (typeof FUND_TIME_FLAG_TYPES)[number];

/**
 * Flags about time passing, judged when asked (no event marks the moment money became idle):
 * FUND_IDLE — a balance untouched for `idleDays` (滞留); UNCONFIRMED_DISBURSEMENT — no receipt after `receiptDays`;
 * PROJECT_OVERDUE — not completed by its due date (the flag's instant is the end of that Shanghai day).
 */
export function fundTimeFlags(
  views: ReadStore,
  regionPrefix: string,
  now: Date,
  thresholds: { idleDays: number; receiptDays: number },
): Omit<FlagRow, 'position'>[] {
  const range = codesUnder(regionPrefix);
  const idleBefore = new Date(now.getTime() - thresholds.idleDays * DAY).toISOString();
  const funds = (
    views
      .prepare(`SELECT * FROM funds WHERE region_code >= ? AND region_code < ? AND last_movement_at < ?`)
      .all(...range, idleBefore) as FundRow[]
  ).filter((fund) => fundRowBalance(fund) > 0);
  const unconfirmedBefore = new Date(now.getTime() - thresholds.receiptDays * DAY).toISOString();
  const disbursements = views
    .prepare(
      `SELECT * FROM fund_disbursements WHERE region_code >= ? AND region_code < ? AND confirmed_at IS NULL
         AND recovered_fen < amount_fen AND disbursed_at < ?`,
    )
    .all(...range, unconfirmedBefore) as DisbursementRow[];
  const today = shanghaiDate(now);
  const overdueProjects = views
    .prepare(`SELECT * FROM projects WHERE region_code >= ? AND region_code < ? AND completed_on IS NULL AND due_on < ?`)
    .all(...range, today) as ProjectRow[];
  const after = (instant: string, days: number) => new Date(Date.parse(instant) + days * DAY).toISOString();
  return [
    ...funds.map((fund) => ({
      flag_id: `FUND_IDLE:${fund.fund_id}`,
      type: 'FUND_IDLE' satisfies JudgedType,
      household_id: null,
      village_code: fund.region_code,
      cadre_id: null,
      occurred_at: after(fund.last_movement_at, thresholds.idleDays),
      period_to: null,
      raised_at: now.toISOString(),
      details: JSON.stringify({
        fundId: fund.fund_id,
        balanceFen: fundRowBalance(fund),
        idleSince: fund.last_movement_at,
        thresholdDays: thresholds.idleDays,
      }),
      event_ids: '[]',
    })),
    ...disbursements.map((d) => ({
      flag_id: `UNCONFIRMED_DISBURSEMENT:${d.fund_id}:${d.disbursement_id}`,
      type: 'UNCONFIRMED_DISBURSEMENT' satisfies JudgedType,
      household_id: d.recipient_kind === 'household' ? d.recipient_id : null,
      village_code: d.region_code,
      cadre_id: null,
      occurred_at: after(d.disbursed_at, thresholds.receiptDays),
      period_to: null,
      raised_at: now.toISOString(),
      details: JSON.stringify({
        fundId: d.fund_id,
        disbursementId: d.disbursement_id,
        amountFen: d.amount_fen,
        thresholdDays: thresholds.receiptDays,
      }),
      event_ids: JSON.stringify([d.event_id]),
    })),
    ...overdueProjects.map((project) => ({
      flag_id: `PROJECT_OVERDUE:${project.project_id}`,
      type: 'PROJECT_OVERDUE' satisfies JudgedType,
      household_id: null,
      village_code: project.region_code,
      cadre_id: null,
      occurred_at: after(dayStart(project.due_on), 1),
      period_to: null,
      raised_at: now.toISOString(),
      details: JSON.stringify({
        projectId: project.project_id,
        name: project.name,
        dueOn: project.due_on,
        leadUnitId: project.lead_unit_id,
      }),
      event_ids: '[]',
    })),
  ];
}
