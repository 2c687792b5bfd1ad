import { specFor } from '@bangfu/testing';
import type { Decision } from '../shared/decider';
import { caseDecider, type CaseCommand, type CaseEvent, type CaseFacts, type CaseParty } from './case.decider';

const spec = specFor(caseDecider);
type Decided = Decision<CaseCommand, CaseFacts>;
const parties: CaseParty[] = [
  { partyId: 'jl-wjw-08', role: 'subject', kind: 'person', name: '左保岭', basis: '立案对象' },
  { partyId: 'lead:jl-wjw', role: 'lead-official', kind: 'person', name: '张义', basis: '吉林省卫生健康委员会于 2026-03-05 的牵头领导' },
];
const request = { caseId: 'case-1', against: { kind: 'person' as const, id: 'jl-wjw-08' }, summary: '走访补录', groundEventIds: ['e1'] };
const derived = { regionCode: '222426103202', groundsAt: '2026-03-05T02:00:00.000Z', parties };
const open = (groundEventIds = ['e1']): Decided => ({ type: 'OpenCase', data: { ...request, groundEventIds }, facts: derived });
const opened: CaseEvent = { type: 'CaseOpened', data: { ...request, ...derived } };
const decision = (partyId: string) => ({ caseId: 'case-1', partyId, decision: '谈话提醒' as const, reason: '已整改' });
const decide = (partyId: string): Decided => ({ type: 'RecordCaseDecision', data: decision(partyId) });
const decided = (partyId: string): CaseEvent => ({ type: 'CaseDecisionRecorded', data: decision(partyId) });

describe('case decider (问责)', () => {
  it('opens a case on its grounds with the parties the record derives', () => {
    spec.given([]).when(open()).then([opened]);
  });

  it('refuses a case on no grounds, and opening the same case twice', () => {
    spec.given([]).when(open([])).then({ code: 'GROUNDS_REQUIRED' });
    spec.given([opened]).when(open()).then({ code: 'CASE_ALREADY_OPENED' });
  });

  it('records one decision per party of the case', () => {
    spec
      .given([opened])
      .when(decide('lead:jl-wjw'))
      .then([decided('lead:jl-wjw')]);
    spec
      .given([opened, decided('lead:jl-wjw')])
      .when(decide('lead:jl-wjw'))
      .then({ code: 'DECISION_ALREADY_RECORDED' });
  });

  it('refuses a decision on someone who is not a party, or in a case never opened', () => {
    spec.given([opened]).when(decide('someone-else')).then({ code: 'PARTY_NOT_IN_CASE' });
    spec.given([]).when(decide('jl-wjw-08')).then({ code: 'CASE_NOT_FOUND' });
  });
});
