import type { Actor } from '../shared/actor';
import { assertNever, type Decider, type DecisionContext } from '../shared/decider';
import { DomainError } from '../shared/domain-error';

export const FINDING_TARGETS = ['household', 'village', 'unit', 'cadre', 'task'] as const;
export type FindingTarget = (typeof FINDING_TARGETS)[number];
export const SEVERITIES = ['一般', '较重', '严重'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Days after a missed rectification deadline before it is escalated to the county. */
export const RECTIFICATION_ESCALATION_DAYS = 7;
const DAY_MS = 86_400_000;

export interface FindingRecord {
  findingId: string;
  inspectionId: string | null;
  /** The division the finding is about, for jurisdiction and the region views. */
  regionCode: string;
  target: { kind: FindingTarget; id: string };
  type: string;
  severity: Severity;
  description: string;
  evidence: string[];
  /** The events the finding rests on (checked by the handler to exist and lie in the inspector's jurisdiction). */
  eventIds: string[];
}

/** The division a finding is about: its target's (from the registry's streams), read by the handler. */
export interface FindingFacts {
  RecordFinding: { regionCode: string };
}

export type FindingCommand =
  | { type: 'RecordFinding'; data: Omit<FindingRecord, 'regionCode'> }
  | { type: 'OrderRectification'; data: { findingId: string; deadline: string; requirement: string; responsible: string } }
  | { type: 'ReportRectification'; data: { findingId: string; measures: string; evidence: string[] } }
  | { type: 'VerifyRectification'; data: { findingId: string; passed: boolean; note: string } }
  | { type: 'MarkRectificationOverdue'; data: { findingId: string; round: number } }
  | { type: 'EscalateRectification'; data: { findingId: string; round: number } };

export type FindingEvent =
  | { type: 'FindingRecorded'; data: FindingRecord }
  | {
      type: 'RectificationOrdered';
      data: { findingId: string; round: number; deadline: string; escalateAt: string; requirement: string; responsible: string };
    }
  | {
      type: 'RectificationReported';
      data: { findingId: string; round: number; measures: string; evidence: string[]; late: boolean; reportedBy: string };
    }
  | { type: 'RectificationVerified'; data: { findingId: string; round: number; passed: boolean; note: string; verifiedBy: string } }
  | { type: 'FindingClosed'; data: { findingId: string; round: number } }
  | { type: 'RectificationReopened'; data: { findingId: string; round: number; note: string } }
  | { type: 'RectificationOverdue'; data: { findingId: string; round: number; deadline: string } }
  | { type: 'RectificationEscalated'; data: { findingId: string; round: number; escalateAt: string; escalatedTo: 'county-admin' } };

export type FindingStatus = 'recorded' | 'ordered' | 'reported' | 'closed' | 'reopened';

export type FindingState =
  | { status: 'none' }
  | {
      status: FindingStatus;
      finding: FindingRecord;
      round: number;
      deadline: string | null;
      reporter: string | null;
      overdue: boolean;
      escalated: boolean;
    };

export class FindingNotFoundError extends DomainError {
  readonly code = 'FINDING_NOT_FOUND';
  override readonly kind = 'not_found' as const;
}
export class FindingAlreadyRecordedError extends DomainError {
  readonly code = 'FINDING_ALREADY_RECORDED';
}
export class RectificationOutOfOrderError extends DomainError {
  readonly code = 'RECTIFICATION_OUT_OF_ORDER';
}
export class RectificationRoleError extends DomainError {
  readonly code = 'RECTIFICATION_ROLE_NOT_ALLOWED';
  override readonly kind = 'forbidden' as const;
}
export class VerifierIsReporterError extends DomainError {
  readonly code = 'VERIFIER_IS_REPORTER';
}
export class DeadlinePassedError extends DomainError {
  readonly code = 'DEADLINE_IN_PAST';
  override readonly kind = 'invalid' as const;
}

export function findingStreamId(findingId: string): string {
  return `finding-${findingId}`;
}

const ORDER_ROLES = ['inspector', 'township-reviewer', 'county-admin'];
const REPORT_ROLES = ['cadre', 'work-team', 'township-reviewer', 'county-admin'];
const VERIFY_ROLES = ['inspector', 'township-reviewer', 'county-admin'];

/**
 * A finding of an inspection and its rectification (整改): ordered with a deadline → reported → verified,
 * then closed (销号) or reopened for a new order. A missed deadline is marked and later escalated. The
 * verifier is never the one who reported.
 */
export const findingDecider: Decider<FindingCommand, FindingEvent, FindingState, FindingFacts> = {
  initialState: () => ({ status: 'none' }),
  evolve(state, event) {
    if (event.type === 'FindingRecorded') {
      return { status: 'recorded', finding: event.data, round: 0, deadline: null, reporter: null, overdue: false, escalated: false };
    }
    if (state.status === 'none') return state;
    switch (event.type) {
      case 'RectificationOrdered':
        return {
          ...state,
          status: 'ordered',
          round: event.data.round,
          deadline: event.data.deadline,
          reporter: null,
          overdue: false,
          escalated: false,
        };
      case 'RectificationReported':
        return { ...state, status: 'reported', reporter: event.data.reportedBy };
      case 'RectificationVerified':
        return state;
      case 'FindingClosed':
        return { ...state, status: 'closed' };
      case 'RectificationReopened':
        return { ...state, status: 'reopened' };
      case 'RectificationOverdue':
        return { ...state, overdue: true };
      case 'RectificationEscalated':
        return { ...state, escalated: true };
      default:
        return assertNever(event);
    }
  },
  decide(command, state, context) {
    if (command.type === 'RecordFinding') {
      if (state.status !== 'none') throw new FindingAlreadyRecordedError(`finding ${command.data.findingId} is already recorded`);
      return [{ type: 'FindingRecorded', data: { ...command.data, regionCode: command.facts.regionCode } }];
    }
    if (state.status === 'none') throw new FindingNotFoundError(`no finding ${command.data.findingId}`);
    const { findingId } = command.data;
    switch (command.type) {
      case 'OrderRectification': {
        allowed(context.actor, ORDER_ROLES, 'order a rectification');
        if (state.status !== 'recorded' && state.status !== 'reopened') {
          throw new RectificationOutOfOrderError(
            `finding ${findingId} is ${state.status}: a rectification is ordered when it is recorded or reopened`,
          );
        }
        if (Date.parse(command.data.deadline) <= context.now.getTime()) {
          throw new DeadlinePassedError('the deadline must lie in the future', { field: 'deadline' });
        }
        const escalateAt = new Date(Date.parse(command.data.deadline) + RECTIFICATION_ESCALATION_DAYS * DAY_MS).toISOString();
        return [{ type: 'RectificationOrdered', data: { ...command.data, round: state.round + 1, escalateAt } }];
      }
      case 'ReportRectification': {
        allowed(context.actor, REPORT_ROLES, 'report a rectification');
        if (state.status !== 'ordered')
          throw new RectificationOutOfOrderError(`finding ${findingId} is ${state.status}: nothing is ordered to report on`);
        const late = state.deadline !== null && context.now.getTime() > Date.parse(state.deadline);
        return [{ type: 'RectificationReported', data: { ...command.data, round: state.round, late, reportedBy: context.actor.id } }];
      }
      case 'VerifyRectification':
        return verify(command.data, state, context);
      case 'MarkRectificationOverdue':
        return state.status === 'ordered' && state.round === command.data.round && !state.overdue
          ? [{ type: 'RectificationOverdue', data: { findingId, round: state.round, deadline: state.deadline as string } }]
          : [];
      case 'EscalateRectification': {
        if (state.status !== 'ordered' || state.round !== command.data.round || state.escalated) return [];
        const escalateAt = new Date(Date.parse(state.deadline as string) + RECTIFICATION_ESCALATION_DAYS * DAY_MS).toISOString();
        return [{ type: 'RectificationEscalated', data: { findingId, round: state.round, escalateAt, escalatedTo: 'county-admin' } }];
      }
      default:
        return assertNever(command);
    }
  },
};

type Active = Exclude<FindingState, { status: 'none' }>;

function verify(data: { findingId: string; passed: boolean; note: string }, state: Active, { actor }: DecisionContext): FindingEvent[] {
  allowed(actor, VERIFY_ROLES, 'verify a rectification');
  if (state.status !== 'reported')
    throw new RectificationOutOfOrderError(`finding ${data.findingId} is ${state.status}: nothing is reported to verify`);
  if (state.reporter === actor.id)
    throw new VerifierIsReporterError('the rectification must be verified by someone other than who reported it');
  const verified: FindingEvent = { type: 'RectificationVerified', data: { ...data, round: state.round, verifiedBy: actor.id } };
  return data.passed
    ? [verified, { type: 'FindingClosed', data: { findingId: data.findingId, round: state.round } }]
    : [verified, { type: 'RectificationReopened', data: { findingId: data.findingId, round: state.round, note: data.note } }];
}

function allowed(actor: Actor, roles: readonly string[], what: string): void {
  if (!actor.roles.some((role) => roles.includes(role)) && !actor.roles.includes('system')) {
    throw new RectificationRoleError(`to ${what} is for ${roles.join(', ')}`, { roles });
  }
}
