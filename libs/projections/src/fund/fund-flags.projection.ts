import { flagTableSql } from '../flags/flag-table';
import type { FundEvent, HouseholdEvent } from '@bangfu/domain';
import type { RecordedEvent } from '@bangfu/eventstore';
import type { Projection, ViewWriter } from '../projection';

/**
 * Red flags raised by a fund movement itself: DUPLICATE_VOUCHER (one voucher number on two disbursements,
 * anywhere in the store) and DISBURSED_TO_INELIGIBLE (a household not registered, removed or exited on the
 * disbursement date). Flags about time passing (idle money, missing receipts) are judged when asked.
 * Rows have the shape of the visit flags, so one query lists every flag.
 */
export const fundFlagsProjection: Projection = {
  name: 'fund-flags',
  // v2: flags indexed newest first, as the inbox pages them.
  version: 2,
  eventTypes: ['HouseholdRegistered', 'HouseholdRemoved', 'HouseholdExited', 'HouseholdRelapsed', 'FundDisbursed'],
  tables: ['fund_flags', 'fund_vouchers', 'fund_households'],
  schema: `
    ${flagTableSql('fund_flags')}
    CREATE TABLE {fund_vouchers} (voucher_number TEXT NOT NULL, fund_id TEXT NOT NULL, disbursement_id TEXT NOT NULL, event_id TEXT NOT NULL);
    CREATE INDEX {fund_vouchers}_by_number ON {fund_vouchers} (voucher_number);
    CREATE TABLE {fund_households} (
      household_id TEXT PRIMARY KEY, identified_at TEXT NOT NULL, removed_at TEXT, exited_at TEXT) WITHOUT ROWID;`,
  apply(event, view) {
    const e = event as unknown as FundEvent | HouseholdEvent;
    switch (e.type) {
      case 'HouseholdRegistered':
        view.run(
          'INSERT OR IGNORE INTO {fund_households} (household_id, identified_at) VALUES (?, ?)',
          e.data.householdId,
          e.data.identifiedAt,
        );
        return;
      case 'HouseholdRemoved':
        view.run('UPDATE {fund_households} SET removed_at = ? WHERE household_id = ?', e.data.removedAt, e.data.householdId);
        return;
      case 'HouseholdExited':
        view.run('UPDATE {fund_households} SET exited_at = ? WHERE household_id = ?', e.data.exitedAt, e.data.householdId);
        return;
      case 'HouseholdRelapsed':
        view.run('UPDATE {fund_households} SET exited_at = NULL WHERE household_id = ?', e.data.householdId);
        return;
      case 'FundDisbursed':
        return flagDisbursement(event, e.data, view);
      default:
        return;
    }
  },
};

function flagDisbursement(event: RecordedEvent, d: Extract<FundEvent, { type: 'FundDisbursed' }>['data'], view: ViewWriter): void {
  const raise = (flagId: string, type: string, details: Record<string, unknown>, eventIds: string[]) =>
    view.run(
      `INSERT OR IGNORE INTO {fund_flags} (flag_id, type, household_id, village_code, cadre_id, occurred_at, raised_at, details, event_ids, position)
       VALUES (?, ?, ?, ?, NULL, ?, ?, ?, ?, ?)`,
      flagId,
      type,
      d.recipient.kind === 'household' ? d.recipient.id : null,
      d.regionCode,
      d.disbursedAt,
      event.metadata.recordedAt,
      JSON.stringify({ fundId: d.fundId, disbursementId: d.disbursementId, amountFen: d.amountFen, ...details }),
      JSON.stringify(eventIds),
      event.position,
    );
  const earlier = view.all<{ fund_id: string; disbursement_id: string; event_id: string }>(
    'SELECT fund_id, disbursement_id, event_id FROM {fund_vouchers} WHERE voucher_number = ?',
    d.voucherNumber,
  );
  if (earlier.length > 0) {
    raise(
      `DUPLICATE_VOUCHER:${d.fundId}:${d.disbursementId}`,
      'DUPLICATE_VOUCHER',
      { voucherNumber: d.voucherNumber, alsoOn: earlier.map((row) => ({ fundId: row.fund_id, disbursementId: row.disbursement_id })) },
      [...earlier.map((row) => row.event_id), event.id],
    );
  }
  view.run(
    'INSERT INTO {fund_vouchers} (voucher_number, fund_id, disbursement_id, event_id) VALUES (?, ?, ?, ?)',
    d.voucherNumber,
    d.fundId,
    d.disbursementId,
    event.id,
  );
  if (d.recipient.kind !== 'household') return;
  const household = view.get<{ identified_at: string; removed_at: string | null; exited_at: string | null }>(
    'SELECT identified_at, removed_at, exited_at FROM {fund_households} WHERE household_id = ?',
    d.recipient.id,
  );
  const why = !household
    ? 'not registered'
    : household.identified_at > d.disbursedAt
      ? 'not yet registered on the disbursement date'
      : household.removed_at !== null && household.removed_at <= d.disbursedAt
        ? 'removed from the register'
        : household.exited_at !== null && household.exited_at <= d.disbursedAt
          ? 'exited poverty'
          : undefined;
  if (why)
    raise(`DISBURSED_TO_INELIGIBLE:${d.fundId}:${d.disbursementId}`, 'DISBURSED_TO_INELIGIBLE', { householdId: d.recipient.id, why }, [
      event.id,
    ]);
}
