import { assertNever, type Decider } from '../shared/decider';
import { BucketMap } from '../shared/bucket-map';
import { DomainError } from '../shared/domain-error';

/** 资金来源, as the seeds name them. */
export const FUND_SOURCES = [
  '中央财政专项扶贫资金',
  '省级财政专项扶贫资金',
  '市级财政专项扶贫资金',
  '县级财政专项扶贫资金',
  '整合涉农资金',
  '东西部协作资金',
  '对口帮扶资金',
  '社会捐赠',
] as const;
export type FundSource = (typeof FUND_SOURCES)[number];

/** 用途: 产业发展 is the "production" the county rules set shares for (e.g. ≥ 60% of integrated funds). */
export const FUND_PURPOSES = [
  '产业发展',
  '基础设施',
  '教育扶贫',
  '健康扶贫',
  '危房改造',
  '易地扶贫搬迁',
  '就业扶贫',
  '社会保障',
  '其他',
] as const;
export type FundPurpose = (typeof FUND_PURPOSES)[number];

export const RECIPIENT_KINDS = ['project', 'village', 'household', 'enterprise'] as const;
export type RecipientKind = (typeof RECIPIENT_KINDS)[number];

export interface Recipient {
  kind: RecipientKind;
  id: string;
}

export interface Allocation {
  fundId: string;
  /** Set when the money was moved here from another fund (调剂); the source names it too. */
  reallocatedFrom?: string;
  source: FundSource;
  /** Integer fen (分): money is never a float. */
  amountFen: number;
  regionCode: string;
  purpose: FundPurpose;
  documentNumber: string;
  allocatedOn: string;
}

export type FundCommand =
  | { type: 'AllocateFund'; data: Allocation }
  | {
      type: 'DisburseFund';
      data: { fundId: string; disbursementId: string; recipient: Recipient; amountFen: number; voucherNumber: string; disbursedAt: string };
    }
  | { type: 'ConfirmReceipt'; data: { fundId: string; disbursementId: string; confirmedBy: string; confirmedAt: string } }
  | { type: 'RecoverFunds'; data: { fundId: string; disbursementId: string; amountFen: number; reason: string; recoveredAt: string } }
  | { type: 'ReallocateFund'; data: Reallocation };

/** 调剂: unspent money moved to a new fund by a document; the new fund's allocation follows on its own stream. */
export interface Reallocation {
  fundId: string;
  toFundId: string;
  amountFen: number;
  documentNumber: string;
  reason: string;
  reallocatedAt: string;
}

export type FundEvent =
  | { type: 'FundAllocated'; data: Allocation }
  | {
      type: 'FundDisbursed';
      data: {
        fundId: string;
        disbursementId: string;
        recipient: Recipient;
        amountFen: number;
        voucherNumber: string;
        disbursedAt: string;
        regionCode: string;
        /** What is left to disburse after this one, so the record itself shows the invariant held. */
        balanceFen: number;
      };
    }
  | { type: 'ReceiptConfirmed'; data: { fundId: string; disbursementId: string; confirmedBy: string; confirmedAt: string } }
  | {
      type: 'FundsRecovered';
      data: { fundId: string; disbursementId: string; amountFen: number; reason: string; recoveredAt: string; balanceFen: number };
    }
  | { type: 'FundReallocated'; data: Reallocation & { balanceFen: number } };

interface DisbursementState {
  amountFen: number;
  recoveredFen: number;
  confirmed: boolean;
}

export type FundState =
  | { allocated: false }
  | {
      allocated: true;
      allocation: Allocation;
      disbursedFen: number;
      recoveredFen: number;
      reallocatedFen: number;
      disbursements: BucketMap<DisbursementState>;
    };

export class FundNotFoundError extends DomainError {
  readonly code = 'FUND_NOT_FOUND';
  override readonly kind = 'not_found' as const;
}
export class FundAlreadyAllocatedError extends DomainError {
  readonly code = 'FUND_ALREADY_ALLOCATED';
}
/** Disbursed − recovered may never exceed what was allocated. */
export class FundOverdrawnError extends DomainError {
  readonly code = 'FUND_OVERDRAWN';
}
export class DisbursementNotFoundError extends DomainError {
  readonly code = 'DISBURSEMENT_NOT_FOUND';
  override readonly kind = 'not_found' as const;
}
export class DisbursementAlreadyRecordedError extends DomainError {
  readonly code = 'DISBURSEMENT_ALREADY_RECORDED';
}
export class ReceiptAlreadyConfirmedError extends DomainError {
  readonly code = 'RECEIPT_ALREADY_CONFIRMED';
}
export class RecoveryExceedsDisbursementError extends DomainError {
  readonly code = 'RECOVERY_EXCEEDS_DISBURSEMENT';
}
export class InvalidAmountError extends DomainError {
  readonly code = 'INVALID_AMOUNT';
  override readonly kind = 'invalid' as const;
}

export function fundStreamId(fundId: string): string {
  return `fund-${fundId}`;
}

/** What a fund's movements sum to. */
export interface FundMovements {
  allocatedFen: number;
  disbursedFen: number;
  recoveredFen: number;
  reallocatedFen: number;
}

/** The balance (结余): allocated − disbursed + recovered − reallocated away. The one place it is computed. */
export function fundBalance({ allocatedFen, disbursedFen, recoveredFen, reallocatedFen }: FundMovements): number {
  return allocatedFen - disbursedFen + recoveredFen - reallocatedFen;
}

/** The balance as the views store the sums (`funds` rows). */
export function fundRowBalance(row: { allocated_fen: number; disbursed_fen: number; recovered_fen: number; reallocated_fen: number }) {
  return fundBalance({
    allocatedFen: row.allocated_fen,
    disbursedFen: row.disbursed_fen,
    recoveredFen: row.recovered_fen,
    reallocatedFen: row.reallocated_fen,
  });
}

export function balanceOf(state: Extract<FundState, { allocated: true }>): number {
  return fundBalance({ ...state, allocatedFen: state.allocation.amountFen });
}

function positiveFen(amount: number): void {
  if (!Number.isSafeInteger(amount) || amount <= 0)
    throw new InvalidAmountError('amountFen must be a positive integer of fen', { field: 'amountFen' });
}

function requireAllocated(state: FundState, fundId: string) {
  if (!state.allocated) throw new FundNotFoundError(`fund ${fundId} was never allocated`);
  return state;
}

/**
 * One fund (扶贫资金) from its allocation by a document (文号) to every disbursement, confirmation of receipt
 * (到户确认) and recovery (追回): all on one stream, so "never disburse more than was allocated" is decided
 * against every earlier movement, under optimistic concurrency.
 */
export const fundDecider: Decider<FundCommand, FundEvent, FundState> = {
  initialState: () => ({ allocated: false }),
  evolve(state, event) {
    switch (event.type) {
      case 'FundAllocated':
        return {
          allocated: true,
          allocation: event.data,
          disbursedFen: 0,
          recoveredFen: 0,
          reallocatedFen: 0,
          disbursements: BucketMap.empty(),
        };
      case 'FundDisbursed': {
        if (!state.allocated) return state;
        const disbursements = state.disbursements.set(event.data.disbursementId, {
          amountFen: event.data.amountFen,
          recoveredFen: 0,
          confirmed: false,
        });
        return { ...state, disbursedFen: state.disbursedFen + event.data.amountFen, disbursements };
      }
      case 'ReceiptConfirmed': {
        const disbursement = state.allocated ? state.disbursements.get(event.data.disbursementId) : undefined;
        if (!state.allocated || !disbursement) return state;
        return {
          ...state,
          disbursements: state.disbursements.set(event.data.disbursementId, { ...disbursement, confirmed: true }),
        };
      }
      case 'FundsRecovered': {
        const disbursement = state.allocated ? state.disbursements.get(event.data.disbursementId) : undefined;
        if (!state.allocated || !disbursement) return state;
        const updated = { ...disbursement, recoveredFen: disbursement.recoveredFen + event.data.amountFen };
        return {
          ...state,
          recoveredFen: state.recoveredFen + event.data.amountFen,
          disbursements: state.disbursements.set(event.data.disbursementId, updated),
        };
      }
      case 'FundReallocated':
        return state.allocated ? { ...state, reallocatedFen: state.reallocatedFen + event.data.amountFen } : state;
      default:
        return assertNever(event);
    }
  },
  decide(command, state) {
    switch (command.type) {
      case 'AllocateFund':
        positiveFen(command.data.amountFen);
        if (state.allocated) throw new FundAlreadyAllocatedError(`fund ${command.data.fundId} is already allocated`);
        return [{ type: 'FundAllocated', data: command.data }];
      case 'DisburseFund': {
        const fund = requireAllocated(state, command.data.fundId);
        positiveFen(command.data.amountFen);
        if (fund.disbursements.has(command.data.disbursementId)) {
          throw new DisbursementAlreadyRecordedError(`disbursement ${command.data.disbursementId} is already recorded`);
        }
        const balance = balanceOf(fund);
        if (command.data.amountFen > balance) {
          throw new FundOverdrawnError(
            `fund ${command.data.fundId} has ${balance} fen left; ${command.data.amountFen} fen cannot be disbursed`,
            {
              balanceFen: balance,
            },
          );
        }
        return [
          {
            type: 'FundDisbursed',
            data: { ...command.data, regionCode: fund.allocation.regionCode, balanceFen: balance - command.data.amountFen },
          },
        ];
      }
      case 'ConfirmReceipt': {
        const fund = requireAllocated(state, command.data.fundId);
        const disbursement = fund.disbursements.get(command.data.disbursementId);
        if (!disbursement)
          throw new DisbursementNotFoundError(`fund ${command.data.fundId} has no disbursement ${command.data.disbursementId}`);
        if (disbursement.confirmed)
          throw new ReceiptAlreadyConfirmedError(`receipt of ${command.data.disbursementId} is already confirmed`);
        return [{ type: 'ReceiptConfirmed', data: command.data }];
      }
      case 'RecoverFunds': {
        const fund = requireAllocated(state, command.data.fundId);
        positiveFen(command.data.amountFen);
        const disbursement = fund.disbursements.get(command.data.disbursementId);
        if (!disbursement)
          throw new DisbursementNotFoundError(`fund ${command.data.fundId} has no disbursement ${command.data.disbursementId}`);
        const recoverable = disbursement.amountFen - disbursement.recoveredFen;
        if (command.data.amountFen > recoverable) {
          throw new RecoveryExceedsDisbursementError(`only ${recoverable} fen of ${command.data.disbursementId} can be recovered`, {
            recoverableFen: recoverable,
          });
        }
        return [{ type: 'FundsRecovered', data: { ...command.data, balanceFen: balanceOf(fund) + command.data.amountFen } }];
      }
      case 'ReallocateFund': {
        const fund = requireAllocated(state, command.data.fundId);
        positiveFen(command.data.amountFen);
        const balance = balanceOf(fund);
        if (command.data.amountFen > balance) {
          throw new FundOverdrawnError(
            `fund ${command.data.fundId} has ${balance} fen left; ${command.data.amountFen} fen cannot be moved`,
            {
              balanceFen: balance,
            },
          );
        }
        return [{ type: 'FundReallocated', data: { ...command.data, balanceFen: balance - command.data.amountFen } }];
      }
      default:
        return assertNever(command);
    }
  },
};
