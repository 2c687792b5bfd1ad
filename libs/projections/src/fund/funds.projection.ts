import type { FundEvent } from '@bangfu/domain';
import type { Projection } from '../projection';

export interface FundRow {
  fund_id: string;
  source: string;
  purpose: string;
  region_code: string;
  document_number: string;
  allocated_on: string;
  allocated_fen: number;
  disbursed_fen: number;
  recovered_fen: number;
  reallocated_fen: number;
  reallocated_from: string | null;
  reallocations: string;
  last_movement_at: string;
}

export interface DisbursementRow {
  fund_id: string;
  disbursement_id: string;
  recipient_kind: string;
  recipient_id: string;
  amount_fen: number;
  voucher_number: string;
  disbursed_at: string;
  region_code: string;
  confirmed_at: string | null;
  confirmed_by: string | null;
  recovered_fen: number;
  recoveries: string;
  event_id: string;
}

/** Every fund with its running totals, and every disbursement with its receipt and recoveries: the fund trace. */
export const fundsProjection: Projection = {
  name: 'funds',
  // v4: the payments still waiting for a receipt indexed by payment time (the inbox's UNCONFIRMED_DISBURSEMENT page).
  version: 4,
  eventTypes: ['FundAllocated', 'FundReallocated', 'FundDisbursed', 'ReceiptConfirmed', 'FundsRecovered'],
  tables: ['funds', 'fund_disbursements'],
  schema: `
    CREATE TABLE {funds} (
      fund_id TEXT PRIMARY KEY, source TEXT NOT NULL, purpose TEXT NOT NULL, region_code TEXT NOT NULL, document_number TEXT NOT NULL,
      allocated_on TEXT NOT NULL, allocated_fen INTEGER NOT NULL, disbursed_fen INTEGER NOT NULL DEFAULT 0,
      recovered_fen INTEGER NOT NULL DEFAULT 0, reallocated_fen INTEGER NOT NULL DEFAULT 0, reallocated_from TEXT,
      reallocations TEXT NOT NULL DEFAULT '[]', last_movement_at TEXT NOT NULL);
    CREATE INDEX {funds}_by_region ON {funds} (region_code);
    CREATE TABLE {fund_disbursements} (
      fund_id TEXT NOT NULL, disbursement_id TEXT NOT NULL, recipient_kind TEXT NOT NULL, recipient_id TEXT NOT NULL,
      amount_fen INTEGER NOT NULL, voucher_number TEXT NOT NULL, disbursed_at TEXT NOT NULL, region_code TEXT NOT NULL,
      confirmed_at TEXT, confirmed_by TEXT, recovered_fen INTEGER NOT NULL DEFAULT 0, recoveries TEXT NOT NULL DEFAULT '[]',
      event_id TEXT NOT NULL, PRIMARY KEY (fund_id, disbursement_id));
    CREATE INDEX {fund_disbursements}_by_recipient ON {fund_disbursements} (recipient_kind, recipient_id);
    CREATE INDEX {fund_disbursements}_by_voucher ON {fund_disbursements} (voucher_number);
    CREATE INDEX {fund_disbursements}_in_payment_order ON {fund_disbursements} (fund_id, disbursed_at, disbursement_id);`,
  afterLoad: `
    CREATE INDEX {fund_disbursements}_unconfirmed ON {fund_disbursements} (disbursed_at, region_code) WHERE confirmed_at IS NULL;`,
  apply(event, view) {
    const e = event as unknown as FundEvent;
    switch (e.type) {
      case 'FundAllocated': {
        const a = e.data;
        view.run(
          `INSERT INTO {funds} (fund_id, source, purpose, region_code, document_number, allocated_on, allocated_fen, reallocated_from,
             last_movement_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          a.fundId,
          a.source,
          a.purpose,
          a.regionCode,
          a.documentNumber,
          a.allocatedOn,
          a.amountFen,
          a.reallocatedFrom ?? null,
          event.metadata.occurredAt,
        );
        return;
      }
      case 'FundReallocated': {
        const r = e.data;
        const row = view.get<{ reallocations: string }>('SELECT reallocations FROM {funds} WHERE fund_id = ?', r.fundId);
        const reallocations = [
          ...JSON.parse(row?.reallocations ?? '[]'),
          {
            toFundId: r.toFundId,
            amountFen: r.amountFen,
            documentNumber: r.documentNumber,
            reason: r.reason,
            reallocatedAt: r.reallocatedAt,
          },
        ];
        view.run(
          'UPDATE {funds} SET reallocated_fen = reallocated_fen + ?, reallocations = ?, last_movement_at = ? WHERE fund_id = ?',
          r.amountFen,
          JSON.stringify(reallocations),
          r.reallocatedAt,
          r.fundId,
        );
        return;
      }
      case 'FundDisbursed': {
        const d = e.data;
        view.run(
          `INSERT INTO {fund_disbursements} (fund_id, disbursement_id, recipient_kind, recipient_id, amount_fen, voucher_number, disbursed_at,
             region_code, event_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          d.fundId,
          d.disbursementId,
          d.recipient.kind,
          d.recipient.id,
          d.amountFen,
          d.voucherNumber,
          d.disbursedAt,
          d.regionCode,
          event.id,
        );
        view.run(
          'UPDATE {funds} SET disbursed_fen = disbursed_fen + ?, last_movement_at = ? WHERE fund_id = ?',
          d.amountFen,
          d.disbursedAt,
          d.fundId,
        );
        return;
      }
      case 'ReceiptConfirmed':
        view.run(
          'UPDATE {fund_disbursements} SET confirmed_at = ?, confirmed_by = ? WHERE fund_id = ? AND disbursement_id = ?',
          e.data.confirmedAt,
          e.data.confirmedBy,
          e.data.fundId,
          e.data.disbursementId,
        );
        return;
      case 'FundsRecovered': {
        const r = e.data;
        const row = view.get<{ recoveries: string }>(
          'SELECT recoveries FROM {fund_disbursements} WHERE fund_id = ? AND disbursement_id = ?',
          r.fundId,
          r.disbursementId,
        );
        const recoveries = [
          ...JSON.parse(row?.recoveries ?? '[]'),
          { amountFen: r.amountFen, reason: r.reason, recoveredAt: r.recoveredAt },
        ];
        view.run(
          `UPDATE {fund_disbursements} SET recovered_fen = recovered_fen + ?, recoveries = ? WHERE fund_id = ? AND disbursement_id = ?`,
          r.amountFen,
          JSON.stringify(recoveries),
          r.fundId,
          r.disbursementId,
        );
        view.run('UPDATE {funds} SET recovered_fen = recovered_fen + ? WHERE fund_id = ?', r.amountFen, r.fundId);
        return;
      }
      default:
        return;
    }
  },
};
