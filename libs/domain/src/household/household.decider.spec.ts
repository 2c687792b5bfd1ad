import { specFor } from '@bangfu/testing';
import { householdDecider } from './household.decider';
import type { Decision } from '../shared/decider';
import type { HouseholdCommand, HouseholdFacts } from './household-commands';
import type { HouseholdEvent } from './household-events';
import type { Findings } from './household-vocabulary';

const HH = '2224261032010001';
const IDENTIFIED_AT = '2025-03-01T00:00:00.000Z';
const VILLAGE = '222426103201';
const spec = specFor(householdDecider);
/** A command as the decider receives it: the intent and the facts its handler read. */
type Decided = Decision<HouseholdCommand, HouseholdFacts>;
const OK = { result: 'met' as const };
const FINDINGS: Findings = { food: OK, clothing: OK, education: OK, medical: OK, housing: OK, water: OK };

const registered: HouseholdEvent = {
  type: 'HouseholdRegistered',
  data: {
    householdId: HH,
    villageCode: VILLAGE,
    identifiedAt: '2025-03-01T00:00:00.000Z',
    source: 'identification',
    members: [{ name: '金大山', idNumber: '11010519491231002X', relation: '户主' }],
    category: '一般贫困户',
    causes: ['因病'],
  },
};
const assigned = (cadreId: string, from: string, previousCadreId: string | null = null): HouseholdEvent => ({
  type: 'CadreAssigned',
  data: {
    householdId: HH,
    villageCode: VILLAGE,
    cadreId,
    from,
    previousCadreId,
    reason: '',
    connectBy: new Date(Date.parse(from) + 15 * 86_400_000).toISOString(),
  },
});
const visited = (
  visitId: string,
  cadreId: string,
  occurredAt: string,
  kind: '走访' | '对接' = '走访',
  byResponsibleCadre = true,
): HouseholdEvent => ({
  type: 'VisitRecorded',
  data: {
    visitId,
    householdId: HH,
    villageCode: VILLAGE,
    cadreId,
    kind,
    occurredAt,
    findings: FINDINGS,
    measures: [],
    notes: '',
    byResponsibleCadre,
  },
});
const recordVisit = (cadreId: string, occurredAt: string, linkedToVillage = false): Decided => ({
  type: 'RecordVisit',
  data: {
    visitId: 'v-new',
    householdId: HH,
    cadreId,
    kind: '走访',
    occurredAt,
    findings: FINDINGS,
    measures: ['产业帮扶：黄牛养殖'],
    notes: '',
  },
  facts: { visitor: { registered: true, linkedToVillage } },
});
const assign = (cadreId: string, from: string, recalled = false): Decided => ({
  type: 'AssignCadre',
  data: { householdId: HH, cadreId, from, reason: '调整' },
  facts: { cadre: { registered: true, recalled }, handoverDays: 15 },
});
const policy = { regionCode: '000000', version: 0, visitsPerMonth: 1, reminderDays: 3, escalationDays: 10 };
const deadlines = { remindAt: '2025-05-03T16:00:00.000Z', escalateAt: '2025-05-10T16:00:00.000Z' };

describe('household decider', () => {
  describe('registration', () => {
    const register = (members: { name: string; idNumber: string; relation: '户主' | '配偶' }[]): Decided => ({
      type: 'RegisterHousehold',
      data: { ...(registered as Extract<HouseholdEvent, { type: 'HouseholdRegistered' }>).data, members },
      facts: { villageRegistered: true, identificationOpen: false },
    });

    it('registers a household whose members have valid ID numbers and one head', () => {
      spec
        .given([])
        .when(register([{ name: '金大山', idNumber: '11010519491231002X', relation: '户主' }]))
        .then([registered]);
    });
    it('refuses a wrong GB 11643 check character, two heads, or a second registration', () => {
      spec
        .given([])
        .when(register([{ name: '金大山', idNumber: '110105194912310021', relation: '户主' }]))
        .then({ code: 'INVALID_ID_NUMBER' });
      spec
        .given([])
        .when(
          register([
            { name: '甲', idNumber: '11010519491231002X', relation: '户主' },
            { name: '乙', idNumber: '440524188001010014', relation: '户主' },
          ]),
        )
        .then({ code: 'INVALID_HOUSEHOLD' });
      spec
        .given([registered])
        .when(register([{ name: '金大山', idNumber: '11010519491231002X', relation: '户主' }]))
        .then({ code: 'HOUSEHOLD_ALREADY_REGISTERED' });
    });
    it('leaves a 户编号 under 精准识别 to its case, and lets only a registration by identification name one', () => {
      const head = [{ name: '金大山', idNumber: '11010519491231002X', relation: '户主' as const }];
      spec
        .given([])
        .when({ ...register(head), facts: { villageRegistered: true, identificationOpen: true } } as Decided)
        .then({ code: 'IDENTIFICATION_IN_PROGRESS' });
      const byImport = register(head);
      spec
        .given([])
        .when({ ...byImport, data: { ...byImport.data, source: 'import', identificationId: `${HH}-1` } } as Decided)
        .then({ code: 'INVALID_HOUSEHOLD' });
      spec
        .given([])
        .when({ ...byImport, data: { ...byImport.data, source: 'identification', identificationId: `${HH}-1` } } as Decided)
        .then([{ ...registered, data: { ...registered.data, source: 'identification', identificationId: `${HH}-1` } }] as HouseholdEvent[]);
    });
    it('records a correction with the previous values and the reason, and ignores a correction that changes nothing', () => {
      spec
        .given([registered])
        .when({ type: 'CorrectHousehold', data: { householdId: HH, changes: { category: '低保贫困户' }, reason: '民政认定低保' } })
        .then([
          {
            type: 'HouseholdCorrected',
            data: { householdId: HH, changes: { category: '低保贫困户' }, previous: { category: '一般贫困户' }, reason: '民政认定低保' },
          },
        ]);
      spec
        .given([registered])
        .when({ type: 'CorrectHousehold', data: { householdId: HH, changes: { category: '一般贫困户' }, reason: 'x' } })
        .then([]);
    });
    it('a correction may hold from an earlier time, never before the registration nor in the future', () => {
      const correction = (effectiveFrom: string): Decided => ({
        type: 'CorrectHousehold',
        data: { householdId: HH, changes: { category: '低保贫困户' }, reason: '原登记属性有误', effectiveFrom },
      });
      spec
        .given([registered])
        .when(correction(IDENTIFIED_AT))
        .then([
          {
            type: 'HouseholdCorrected',
            data: {
              householdId: HH,
              changes: { category: '低保贫困户' },
              previous: { category: '一般贫困户' },
              reason: '原登记属性有误',
              effectiveFrom: IDENTIFIED_AT,
            },
          },
        ]);
      spec.given([registered]).when(correction('2000-01-01T00:00:00.000Z')).then({ code: 'BEFORE_REGISTRATION' });
      spec.given([registered]).when(correction('2999-01-01T00:00:00.000Z')).then({ code: 'TIME_IN_FUTURE' });
    });
    it('relapse needs an exit first', () => {
      const relapse: Decided = {
        type: 'RecordRelapse',
        data: { householdId: HH, relapsedAt: '2026-01-01T00:00:00.000Z', reason: '因病返贫' },
      };
      spec.given([registered]).when(relapse).then({ code: 'HOUSEHOLD_NOT_EXITED' });
      const exited: HouseholdEvent = {
        type: 'HouseholdExited',
        data: { householdId: HH, exitedAt: '2025-12-01T00:00:00.000Z', exitId: 'e1', transitionUntil: null },
      };
      spec
        .given([registered, exited])
        .when(relapse)
        .then([{ type: 'HouseholdRelapsed', data: relapse.data }]);
    });
  });

  describe('渐退帮扶 after exit', () => {
    const dibao = (disabled: boolean): HouseholdEvent =>
      ({
        ...registered,
        data: {
          ...(registered.data as object),
          category: '低保贫困户',
          members: [{ name: '金大山', idNumber: '11010519491231002X', relation: '户主', disabled }],
        },
      }) as HouseholdEvent;
    const exit: Decided = {
      type: 'MarkHouseholdExited',
      data: { householdId: HH, exitedAt: '2025-08-31T04:00:00.000Z', exitId: 'e1' },
    };
    const end: Decided = { type: 'EndTransitionBenefits', data: { householdId: HH, exitId: 'e1' } };
    const exited = (until: string | null): HouseholdEvent => ({
      type: 'HouseholdExited',
      data: { ...(exit.data as { householdId: string; exitedAt: string; exitId: string }), transitionUntil: until },
    });
    it('keeps a 低保 household’s benefits 12 months, 18 with a disabled member, and none for others', () => {
      const now = new Date('2026-01-01T00:00:00.000Z');
      spec
        .given([dibao(false)])
        .when(exit, { now })
        .then([exited('2026-08-31T04:00:00.000Z')]);
      // 2025-08-31 + 18 months has no 31st: the calendar clamps to the month's end.
      spec
        .given([dibao(true)])
        .when(exit, { now })
        .then([exited('2027-02-28T04:00:00.000Z')]);
      spec
        .given([registered])
        .when(exit, { now })
        .then([exited(null)]);
    });
    it('ends them when due, and not after a relapse', () => {
      const due = new Date('2026-08-31T04:00:00.000Z');
      spec
        .given([dibao(false), exited(due.toISOString())])
        .when(end, { now: new Date(due.getTime() - 1) })
        .then([]);
      spec
        .given([dibao(false), exited(due.toISOString())])
        .when(end, { now: due })
        .then([{ type: 'TransitionBenefitsEnded', data: { householdId: HH, exitId: 'e1', endedAt: due.toISOString() } }]);
      const relapsed: HouseholdEvent = {
        type: 'HouseholdRelapsed',
        data: { householdId: HH, relapsedAt: '2026-03-01T00:00:00.000Z', reason: '因病返贫' },
      };
      spec
        .given([dibao(false), exited(due.toISOString()), relapsed])
        .when(end, { now: due })
        .then([]);
    });
  });

  describe('assignment (包户)', () => {
    it('hands over: the predecessor is named and ends at the instant the successor begins', () => {
      spec
        .given([registered, assigned('c1', '2025-03-02T00:00:00.000Z')])
        .when(assign('c2', '2025-06-01T00:00:00.000Z'))
        .then(
          [assigned('c2', '2025-06-01T00:00:00.000Z', 'c1')].map((e) => ({ ...e, data: { ...e.data, reason: '调整' } }) as HouseholdEvent),
        );
    });
    it('refuses to end responsibility before exit (不脱贫不脱钩), and allows it after', () => {
      const end: Decided = { type: 'EndAssignment', data: { householdId: HH, at: '2026-01-01T00:00:00.000Z', reason: '调离' } };
      spec
        .given([registered, assigned('c1', '2025-03-02T00:00:00.000Z')])
        .when(end)
        .then({ code: 'DECOUPLING_BEFORE_EXIT' });
      const exited: HouseholdEvent = {
        type: 'HouseholdExited',
        data: { householdId: HH, exitedAt: '2025-12-01T00:00:00.000Z', exitId: 'e1', transitionUntil: null },
      };
      spec
        .given([registered, assigned('c1', '2025-03-02T00:00:00.000Z'), exited])
        .when(end)
        .then([{ type: 'AssignmentEnded', data: { ...end.data, cadreId: 'c1' } }]);
    });
    it('refuses a recalled cadre, a period before registration and a period before the last change', () => {
      spec
        .given([registered])
        .when(assign('c1', '2025-04-01T00:00:00.000Z', true))
        .then({ code: 'CADRE_RECALLED' });
      spec.given([registered]).when(assign('c1', '2025-01-01T00:00:00.000Z')).then({ code: 'BEFORE_REGISTRATION' });
      spec
        .given([registered, assigned('c1', '2025-06-01T00:00:00.000Z')])
        .when(assign('c2', '2025-05-01T00:00:00.000Z'))
        .then({ code: 'ASSIGNMENT_OUT_OF_ORDER' });
    });
    it('records a missed 对接 visit once, and not when the new cadre visited in time', () => {
      const check = {
        type: 'CheckHandoverVisit' as const,
        data: { householdId: HH, cadreId: 'c1', since: '2025-03-02T00:00:00.000Z', dueAt: '2025-03-17T00:00:00.000Z' },
        facts: { goLiveAt: null },
      };
      const missed: HouseholdEvent = { type: 'HandoverNotConnected', data: { ...check.data, villageCode: VILLAGE } } as HouseholdEvent;
      spec
        .given([registered, assigned('c1', '2025-03-02T00:00:00.000Z')])
        .when(check)
        .then([missed]);
      spec
        .given([registered, assigned('c1', '2025-03-02T00:00:00.000Z'), missed])
        .when(check)
        .then([]);
      spec
        .given([registered, assigned('c1', '2025-03-02T00:00:00.000Z'), visited('v1', 'c1', '2025-03-10T02:00:00.000Z', '对接')])
        .when(check)
        .then([]);
      spec
        .given([registered, assigned('c1', '2025-03-02T00:00:00.000Z'), visited('v1', 'c1', '2025-03-20T02:00:00.000Z', '对接')])
        .when(check)
        .then([missed]);
    });
    it('given an assignment made before the village went live, when its 对接 deadline passes unvisited, then nothing is judged', () => {
      const beforeGoLive: Decided = {
        type: 'CheckHandoverVisit',
        data: { householdId: HH, cadreId: 'c1', since: '2025-03-02T00:00:00.000Z', dueAt: '2025-03-17T00:00:00.000Z' },
        facts: { goLiveAt: '2025-03-10T00:00:00.000Z' },
      };
      spec
        .given([registered, assigned('c1', '2025-03-02T00:00:00.000Z')])
        .when(beforeGoLive)
        .then([]);
    });
  });

  describe('visits', () => {
    const history = [registered, assigned('c1', '2025-03-02T00:00:00.000Z')];
    it('records a visit by the responsible cadre, and flags (but allows) one by a village colleague', () => {
      spec
        .given(history)
        .when(recordVisit('c1', '2025-04-03T02:00:00.000Z'))
        .then([visited('v-new', 'c1', '2025-04-03T02:00:00.000Z')].map(withMeasures));
      spec
        .given(history)
        .when(recordVisit('c9', '2025-04-03T02:00:00.000Z', true))
        .then([visited('v-new', 'c9', '2025-04-03T02:00:00.000Z', '走访', false)].map(withMeasures));
    });
    it('refuses a visit in the future, before registration, or by a cadre with no link to the village', () => {
      spec.given(history).when(recordVisit('c1', '2026-02-01T00:00:00.000Z')).then({ code: 'TIME_IN_FUTURE' });
      spec.given(history).when(recordVisit('c1', '2025-02-01T00:00:00.000Z')).then({ code: 'BEFORE_REGISTRATION' });
      spec.given(history).when(recordVisit('c9', '2025-04-03T02:00:00.000Z')).then({ code: 'VISITOR_OUTSIDE_VILLAGE' });
    });
    it('lets a cadre retract only their own visit, once', () => {
      const given = [...history, visited('v1', 'c1', '2025-04-03T02:00:00.000Z')];
      const retract: Decided = { type: 'RetractVisit', data: { householdId: HH, visitId: 'v1', reason: '录错户' } };
      spec
        .given(given)
        .when(retract, { actor: { id: 'c2', roles: ['cadre'] } })
        .then({ code: 'NOT_YOUR_VISIT' });
      const retracted: HouseholdEvent = {
        type: 'VisitRetracted',
        data: { householdId: HH, visitId: 'v1', reason: '录错户', cadreId: 'c1', occurredAt: '2025-04-03T02:00:00.000Z' },
      };
      spec
        .given(given)
        .when(retract, { actor: { id: 'c1', roles: ['cadre'] } })
        .then([retracted]);
      spec
        .given([...given, retracted])
        .when(retract)
        .then({ code: 'VISIT_ALREADY_RETRACTED' });
    });
  });

  describe('monthly obligation (Asia/Shanghai months)', () => {
    const check = (month: string, visitsPerMonth = 1, goLiveAt: string | null = null): Decided => ({
      type: 'CheckMonthlyVisit',
      data: { householdId: HH, month },
      facts: { policy: { ...policy, visitsPerMonth }, goLiveAt },
    });
    const history = [registered, assigned('c1', '2025-03-02T00:00:00.000Z')];
    it('marks a month without a visit by the responsible cadre overdue', () => {
      spec
        .given(history)
        .when(check('2025-04'))
        .then([
          {
            type: 'VisitOverdue',
            data: { householdId: HH, villageCode: VILLAGE, month: '2025-04', cadreId: 'c1', required: 1, made: 0, policy, ...deadlines },
          },
        ]);
    });
    it('counts a visit at 2025-04-30T17:00Z as a May visit (Shanghai), and ignores visits by others and retracted ones', () => {
      spec
        .given([...history, visited('v1', 'c1', '2025-04-30T17:00:00.000Z')])
        .when(check('2025-05'))
        .then([]);
      const aprilOverdue = (made: number): HouseholdEvent => ({
        type: 'VisitOverdue',
        data: { householdId: HH, villageCode: VILLAGE, month: '2025-04', cadreId: 'c1', required: 1, made, policy, ...deadlines },
      });
      spec
        .given([...history, visited('v1', 'c1', '2025-04-30T17:00:00.000Z')])
        .when(check('2025-04'))
        .then([aprilOverdue(0)]);
      spec
        .given([...history, visited('v1', 'c9', '2025-04-10T02:00:00.000Z', '走访', false)])
        .when(check('2025-04'))
        .then([aprilOverdue(0)]);
      const retracted: HouseholdEvent = {
        type: 'VisitRetracted',
        data: { householdId: HH, visitId: 'v1', reason: '录错', cadreId: 'c1', occurredAt: '2025-04-10T02:00:00.000Z' },
      };
      spec
        .given([...history, visited('v1', 'c1', '2025-04-10T02:00:00.000Z'), retracted])
        .when(check('2025-04'))
        .then([aprilOverdue(0)]);
    });
    it('given a village that went live on 2025-05-01, when April and May close without a visit, then only May is overdue', () => {
      const goLiveAt = '2025-04-30T16:00:00.000Z';
      const judged = (month: string) => check(month, 1, goLiveAt);
      spec.given(history).when(judged('2025-04')).then([]);
      spec
        .given(history)
        .when(judged('2025-05'))
        .then([
          {
            type: 'VisitOverdue',
            data: {
              householdId: HH,
              villageCode: VILLAGE,
              month: '2025-05',
              cadreId: 'c1',
              required: 1,
              made: 0,
              policy,
              remindAt: '2025-06-03T16:00:00.000Z',
              escalateAt: '2025-06-10T16:00:00.000Z',
            },
          },
        ]);
    });
    it('reminds as of the reminder’s due time: a catch-up visit after it, already entered, does not answer it', () => {
      const overdue: HouseholdEvent = {
        type: 'VisitOverdue',
        data: { householdId: HH, villageCode: VILLAGE, month: '2025-04', cadreId: 'c1', required: 1, made: 0, policy, ...deadlines },
      };
      const given = [...history, overdue, visited('v9', 'c1', '2025-05-20T02:00:00.000Z')];
      const remind: Decided = { type: 'RemindOverdueVisit', data: { householdId: HH, month: '2025-04' } };
      spec
        .given(given)
        .when(remind, { now: new Date('2025-06-10T00:00:00.000Z'), occurredAt: deadlines.remindAt })
        .then([{ type: 'VisitReminderSent', data: { householdId: HH, month: '2025-04', cadreId: 'c1' } }]);
      spec
        .given(given)
        .when(remind, { now: new Date('2025-06-10T00:00:00.000Z') })
        .then([]);
    });
    it('judges by the number the policy in force requires', () => {
      const given = [...history, visited('v1', 'c1', '2025-04-10T02:00:00.000Z')];
      spec.given(given).when(check('2025-04', 1)).then([]);
      spec
        .given(given)
        .when(check('2025-04', 2))
        .then([
          {
            type: 'VisitOverdue',
            data: {
              householdId: HH,
              villageCode: VILLAGE,
              month: '2025-04',
              cadreId: 'c1',
              required: 2,
              made: 1,
              policy: { ...policy, visitsPerMonth: 2 },
              ...deadlines,
            },
          },
        ]);
    });
    it('reminds and escalates to the township only while no catch-up visit was made', () => {
      const overdue: HouseholdEvent = {
        type: 'VisitOverdue',
        data: { householdId: HH, villageCode: VILLAGE, month: '2025-04', cadreId: 'c1', required: 1, made: 0, policy, ...deadlines },
      };
      const escalate: Decided = { type: 'EscalateOverdueVisit', data: { householdId: HH, month: '2025-04' } };
      spec
        .given([...history, overdue])
        .when(escalate)
        .then([{ type: 'OverdueVisitEscalated', data: { householdId: HH, month: '2025-04', cadreId: 'c1', townshipCode: '222426103' } }]);
      spec
        .given([...history, overdue, visited('v2', 'c1', '2025-05-02T02:00:00.000Z')])
        .when(escalate)
        .then([]);
    });
  });
});

function withMeasures(event: HouseholdEvent): HouseholdEvent {
  return event.type === 'VisitRecorded' ? { ...event, data: { ...event.data, measures: ['产业帮扶：黄牛养殖'] } } : event;
}
