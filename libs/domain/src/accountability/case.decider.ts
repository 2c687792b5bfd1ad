import { assertNever, type Decider } from '../shared/decider';
import { DomainError } from '../shared/domain-error';

/** 问责 decisions, from the lightest. */
export const CASE_DECISIONS = ['谈话提醒', '通报批评', '诫勉', '组织处理', '党纪政务处分'] as const;
export type CaseDecision = (typeof CASE_DECISIONS)[number];

/**
 * Someone a case reaches. Beyond the subject, 捆绑问责 reaches the household's responsible cadre, the cadre's
 * unit and that unit's lead official at the time of the grounds — derived from the record, with how.
 */
export interface CaseParty {
  partyId: string;
  role: 'subject' | 'responsible-cadre' | 'unit' | 'lead-official';
  kind: 'person' | 'unit';
  name: string;
  /** How the record names them (e.g. "responsible for 2224261032010001 on 2026-03-05 (household stream)"). */
  basis: string;
}

/** What a reviewer asks: a case against a person or a unit, on events they cite. */
export interface CaseRequest {
  caseId: string;
  against: { kind: 'person' | 'unit'; id: string };
  summary: string;
  groundEventIds: string[];
}

/** What the record derives for it (read by the handler from the cited events and the streams they name). */
export interface CaseDerivation {
  regionCode: string;
  /** The instant the grounds speak of: parties are those responsible then. */
  groundsAt: string;
  parties: CaseParty[];
}

export type CaseOpening = CaseRequest & CaseDerivation;

export interface CaseFacts {
  OpenCase: CaseDerivation;
}

export type CaseCommand =
  | { type: 'OpenCase'; data: CaseRequest }
  | { type: 'RecordCaseDecision'; data: { caseId: string; partyId: string; decision: CaseDecision; reason: string } };

export type CaseEvent =
  | { type: 'CaseOpened'; data: CaseOpening }
  | { type: 'CaseDecisionRecorded'; data: { caseId: string; partyId: string; decision: CaseDecision; reason: string } };

export type CaseState = { opened: false } | { opened: true; case: CaseOpening; decided: Set<string> };

/** A case against a unit that is not registered (the request names it: 422). */
export class CaseUnitNotFoundError extends DomainError {
  readonly code = 'UNIT_NOT_FOUND';
  override readonly kind = 'invalid' as const;
}
export class CaseAlreadyOpenedError extends DomainError {
  readonly code = 'CASE_ALREADY_OPENED';
}
export class CaseNotFoundError extends DomainError {
  readonly code = 'CASE_NOT_FOUND';
  override readonly kind = 'not_found' as const;
}
export class PartyNotInCaseError extends DomainError {
  readonly code = 'PARTY_NOT_IN_CASE';
  override readonly kind = 'invalid' as const;
}
export class DecisionAlreadyRecordedError extends DomainError {
  readonly code = 'DECISION_ALREADY_RECORDED';
}
export class GroundsRequiredError extends DomainError {
  readonly code = 'GROUNDS_REQUIRED';
  override readonly kind = 'invalid' as const;
}

export function caseStreamId(caseId: string): string {
  return `case-${caseId}`;
}

/** An accountability case: opened on cited grounds with its parties derived from the record, then one decision per party. */
export const caseDecider: Decider<CaseCommand, CaseEvent, CaseState, CaseFacts> = {
  initialState: () => ({ opened: false }),
  evolve(state, event) {
    switch (event.type) {
      case 'CaseOpened':
        return { opened: true, case: event.data, decided: new Set() };
      case 'CaseDecisionRecorded':
        return state.opened ? { ...state, decided: new Set(state.decided).add(event.data.partyId) } : state;
      default:
        return assertNever(event);
    }
  },
  decide(command, state) {
    switch (command.type) {
      case 'OpenCase':
        if (state.opened) throw new CaseAlreadyOpenedError(`case ${command.data.caseId} is already open`);
        if (command.data.groundEventIds.length === 0)
          throw new GroundsRequiredError('a case cites the events it rests on', { field: 'groundEventIds' });
        return [{ type: 'CaseOpened', data: { ...command.data, ...command.facts } }];
      case 'RecordCaseDecision': {
        if (!state.opened) throw new CaseNotFoundError(`no case ${command.data.caseId}`);
        const { partyId } = command.data;
        if (!state.case.parties.some((party) => party.partyId === partyId)) {
          throw new PartyNotInCaseError(`${partyId} is not a party to case ${command.data.caseId}`, {
            field: 'partyId',
            parties: state.case.parties.map((party) => party.partyId),
          });
        }
        if (state.decided.has(partyId)) throw new DecisionAlreadyRecordedError(`a decision on ${partyId} is already recorded in this case`);
        return [{ type: 'CaseDecisionRecorded', data: command.data }];
      }
      default:
        return assertNever(command);
    }
  },
};
