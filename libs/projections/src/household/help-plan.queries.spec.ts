import { codesUnder } from '@bangfu/domain';
import { projectionSpec } from '@bangfu/testing';
import { regionsProjection } from '../registry/regions.projection';
import { helpPlanProjection } from './help-plan.projection';
import { planFlag, planFlags, type PlanFlagType } from './help-plan.queries';
import { registryProjection } from './registry.projection';
import { timelineProjection } from './timeline.projection';

const DAY = 86_400_000;
const T = Date.parse('2026-03-01T02:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();
const VILLAGE = '222426103201';
const HH = '2224261032010001';
const MET = { result: 'met' };
const registered = {
  type: 'HouseholdRegistered',
  streamId: `household-${HH}`,
  occurredAt: iso(T),
  data: {
    householdId: HH,
    villageCode: VILLAGE,
    identifiedAt: iso(T),
    source: 'identification',
    members: [{ name: '金大山', idNumber: '11010519491231002X', relation: '户主' }],
    category: '一般贫困户',
    causes: [],
  },
};
const measure = (measureId: string, addresses: string[], at: number, dueOn = '2026-06-30') => ({
  type: 'MeasureAdded',
  streamId: `helpplan-${HH}`,
  occurredAt: iso(at),
  data: { householdId: HH, measureId, kind: '住房', promise: '危房改造', cadreId: 'c1', dueOn, addresses, villageCode: VILLAGE },
});
const notDelivered = (measureId: string) => ({
  type: 'MeasureNotDelivered',
  streamId: `helpplan-${HH}`,
  data: { householdId: HH, measureId, reason: '资金未到位', cadreId: 'c1' },
});
const unsafeHouse = (at: number) => ({
  type: 'VisitRecorded',
  streamId: `household-${HH}`,
  occurredAt: iso(at),
  data: {
    visitId: 'v1',
    householdId: HH,
    cadreId: 'c1',
    kind: '走访',
    occurredAt: iso(at),
    findings: { food: MET, clothing: MET, education: MET, medical: MET, housing: { result: 'not_met' }, water: MET },
    measures: [],
    notes: '',
    villageCode: VILLAGE,
    byResponsibleCadre: true,
  },
});

describe('plan flags: the deadlines of 一户一策', () => {
  let view: ReturnType<typeof projectionSpec>;
  beforeEach(() => (view = projectionSpec([regionsProjection, registryProjection, timelineProjection, helpPlanProjection])));
  afterEach(() => view.close());
  const flags = (type: PlanFlagType, now: number) => [...planFlags(view.views, type, codesUnder('222426'), new Date(now))];

  it('given a household with no plan, it is not flagged at 29 days and flagged at 31, dated a month after registration', () => {
    view.given(registered);
    expect(flags('HOUSEHOLD_WITHOUT_PLAN', T + 29 * DAY)).toEqual([]);
    expect(flags('HOUSEHOLD_WITHOUT_PLAN', T + 31 * DAY)).toMatchObject([{ household_id: HH, occurred_at: iso(T + 30 * DAY) }]);
  });

  it('given a measure in the plan, the household is not flagged however long ago it was registered', () => {
    view.given(registered, measure('m1', [], T + 40 * DAY));
    expect(flags('HOUSEHOLD_WITHOUT_PLAN', T + 400 * DAY)).toEqual([]);
  });

  it('given a visit that found the house unsafe, a measure addressing housing within 30 days answers it, one after does not', () => {
    view.given(registered, unsafeHouse(T + DAY), measure('m1', ['housing'], T + 30 * DAY));
    expect(flags('PROBLEM_WITHOUT_MEASURE', T + 60 * DAY)).toEqual([]);
    view.close();
    view = projectionSpec([regionsProjection, registryProjection, timelineProjection, helpPlanProjection]);
    view.given(registered, unsafeHouse(T + DAY), measure('m1', ['housing'], T + 32 * DAY), measure('m2', ['food'], T + 2 * DAY));
    expect(flags('PROBLEM_WITHOUT_MEASURE', T + 30 * DAY)).toEqual([]);
    expect(flags('PROBLEM_WITHOUT_MEASURE', T + 32 * DAY)).toMatchObject([{ flag_id: 'PROBLEM_WITHOUT_MEASURE:v1:housing' }]);
  });

  it('given the answering measure closed as not delivered, the problem is unanswered again unless another measure answers it', () => {
    view.given(registered, unsafeHouse(T + DAY), measure('m1', ['housing'], T + 5 * DAY), notDelivered('m1'));
    expect(flags('PROBLEM_WITHOUT_MEASURE', T + 60 * DAY)).toMatchObject([{ flag_id: 'PROBLEM_WITHOUT_MEASURE:v1:housing' }]);
    view.close();
    view = projectionSpec([regionsProjection, registryProjection, timelineProjection, helpPlanProjection]);
    view.given(
      registered,
      unsafeHouse(T + DAY),
      measure('m1', ['housing'], T + 5 * DAY),
      measure('m2', ['housing'], T + 9 * DAY),
      notDelivered('m1'),
    );
    expect(flags('PROBLEM_WITHOUT_MEASURE', T + 60 * DAY)).toEqual([]);
  });

  it('given a household without a plan, the flag cites the event that registered it and can be found by its id', () => {
    view.given(registered);
    const [flag] = flags('HOUSEHOLD_WITHOUT_PLAN', T + 31 * DAY);
    expect(JSON.parse(flag.event_ids)).toHaveLength(1);
    expect(planFlag(view.views, `HOUSEHOLD_WITHOUT_PLAN:${HH}`, new Date(T + 31 * DAY))).toEqual(flag);
    expect(planFlag(view.views, `HOUSEHOLD_WITHOUT_PLAN:${HH}`, new Date(T + 29 * DAY))).toBeUndefined();
  });

  it('given a retracted visit, its findings call for nothing', () => {
    view.given(registered, unsafeHouse(T + DAY), {
      type: 'VisitRetracted',
      streamId: `household-${HH}`,
      data: { visitId: 'v1', householdId: HH, cadreId: 'c1', occurredAt: iso(T + DAY), reason: '误录' },
    });
    expect(flags('PROBLEM_WITHOUT_MEASURE', T + 60 * DAY)).toEqual([]);
  });

  it('given an open measure, it is overdue from the day after its due day (Shanghai), and not once delivered', () => {
    view.given(registered, measure('m1', [], T, '2026-03-10'));
    expect(flags('MEASURE_OVERDUE', Date.parse('2026-03-10T15:59:00.000Z'))).toEqual([]);
    expect(flags('MEASURE_OVERDUE', Date.parse('2026-03-10T16:01:00.000Z'))).toMatchObject([{ occurred_at: '2026-03-10T16:00:00.000Z' }]);
    view.given({
      type: 'MeasureDelivered',
      streamId: `helpplan-${HH}`,
      data: {
        householdId: HH,
        measureId: 'm1',
        deliveredOn: '2026-03-12',
        evidence: ['x'],
        note: '',
        via: null,
        cadreId: 'c1',
        onTime: false,
      },
    });
    expect(flags('MEASURE_OVERDUE', Date.parse('2026-04-01T00:00:00.000Z'))).toEqual([]);
  });
});
