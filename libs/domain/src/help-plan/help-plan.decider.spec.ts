import { specFor } from '@bangfu/testing';
import { helpPlanDecider, type HelpPlanCommand, type HelpPlanEvent, type HelpPlanFacts, type MeasureSpec } from './help-plan.decider';
import type { Decision } from '../shared/decider';

const HOUSEHOLD = '2224261032010001';
const VILLAGE = '222426103201';
const measure: MeasureSpec = {
  householdId: HOUSEHOLD,
  measureId: 'm-1',
  kind: '产业',
  promise: '发放黄牛2头，落实养殖技术指导',
  cadreId: 'c-li',
  dueOn: '2026-03-31',
  addresses: ['food'],
};
const added: HelpPlanEvent = { type: 'MeasureAdded', data: { ...measure, villageCode: VILLAGE } };
const atWork = { registered: true, recalled: false };
const registered = { registered: true, villageCode: VILLAGE };
const add = (facts: HelpPlanFacts['AddMeasure'] = { household: registered, cadre: atWork }): Decision<HelpPlanCommand, HelpPlanFacts> => ({
  type: 'AddMeasure',
  data: measure,
  facts,
});
const deliver = (
  deliveredOn: string,
  via: Extract<HelpPlanCommand, { type: 'RecordMeasureDelivery' }>['data']['via'] = null,
  channel: HelpPlanFacts['RecordMeasureDelivery']['channel'] = null,
): Decision<HelpPlanCommand, HelpPlanFacts> => ({
  type: 'RecordMeasureDelivery',
  data: { householdId: HOUSEHOLD, measureId: 'm-1', deliveredOn, evidence: ['发放签收单'], note: '已发放', via },
  facts: { channel },
});
const revise = (
  changes: { promise?: string; cadreId?: string; dueOn?: string },
  cadre: HelpPlanFacts['ReviseMeasure']['cadre'] = null,
  reason = '牛犊延期到货',
) => ({
  type: 'ReviseMeasure' as const,
  data: { householdId: HOUSEHOLD, measureId: 'm-1', changes, reason },
  facts: { cadre },
});
const FUND = { kind: 'fund' as const, fundId: 'f-1', disbursementId: 'd-1' };
const spec = specFor(helpPlanDecider);
const context = { now: new Date('2026-04-10T02:00:00.000Z') };

describe('一户一策: a household help plan', () => {
  it('adds a measure to a registered household, naming the village it is in', () => {
    spec.given([]).when(add()).then([added]);
  });

  it('refuses a measure for a household not on the register', () => {
    spec
      .given([])
      .when(add({ household: { registered: false, villageCode: null }, cadre: atWork }))
      .then({ code: 'HOUSEHOLD_NOT_FOUND' });
  });

  it('refuses a second measure under the same id', () => {
    spec.given([added]).when(add()).then({ code: 'MEASURE_ALREADY_ADDED' });
  });

  it('refuses a responsible cadre who is not registered or was recalled', () => {
    spec
      .given([])
      .when(add({ household: registered, cadre: { registered: false, recalled: false } }))
      .then({ code: 'CADRE_NOT_FOUND' });
    spec
      .given([])
      .when(add({ household: registered, cadre: { registered: true, recalled: true } }))
      .then({ code: 'CADRE_RECALLED' });
  });

  it('records a revision with what changed, what it was and why', () => {
    spec
      .given([added])
      .when(revise({ dueOn: '2026-05-31', promise: measure.promise }))
      .then([
        {
          type: 'MeasureRevised',
          data: {
            householdId: HOUSEHOLD,
            measureId: 'm-1',
            changes: { dueOn: '2026-05-31' },
            previous: { dueOn: '2026-03-31' },
            reason: '牛犊延期到货',
            cadreId: 'c-li',
          },
        },
      ]);
  });

  it('refuses a revision that changes nothing or gives no reason', () => {
    spec
      .given([added])
      .when(revise({ dueOn: '2026-03-31' }))
      .then({ code: 'INVALID_MEASURE' });
    spec
      .given([added])
      .when(revise({ dueOn: '2026-03-31', promise: undefined }))
      .then({ code: 'INVALID_MEASURE' });
    spec
      .given([added])
      .when(revise({ dueOn: '2026-05-31' }, null, ' '))
      .then({ code: 'INVALID_MEASURE' });
  });

  it('hands a measure to another cadre only if they are at work', () => {
    spec
      .given([added])
      .when(revise({ cadreId: 'c-wang' }, { registered: true, recalled: true }))
      .then({ code: 'CADRE_RECALLED' });
    spec
      .given([added])
      .when(revise({ cadreId: 'c-wang' }, atWork, '原责任人调整'))
      .then([
        {
          type: 'MeasureRevised',
          data: {
            householdId: HOUSEHOLD,
            measureId: 'm-1',
            changes: { cadreId: 'c-wang' },
            previous: { cadreId: 'c-li' },
            reason: '原责任人调整',
            cadreId: 'c-wang',
          },
        },
      ]);
  });

  it('records a delivery by its due date as on time, and one after it as late', () => {
    const delivered = (deliveredOn: string, onTime: boolean): HelpPlanEvent => ({
      type: 'MeasureDelivered',
      data: {
        householdId: HOUSEHOLD,
        measureId: 'm-1',
        deliveredOn,
        evidence: ['发放签收单'],
        note: '已发放',
        via: null,
        cadreId: 'c-li',
        onTime,
      },
    });
    spec
      .given([added])
      .when(deliver('2026-03-31'), context)
      .then([delivered('2026-03-31', true)]);
    spec
      .given([added])
      .when(deliver('2026-04-01'), context)
      .then([delivered('2026-04-01', false)]);
  });

  it('refuses a delivery dated after today (Shanghai)', () => {
    spec.given([added]).when(deliver('2026-04-11'), context).then({ code: 'INVALID_MEASURE' });
  });

  it('refuses a delivery without evidence', () => {
    const bare: Decision<HelpPlanCommand, HelpPlanFacts> = {
      type: 'RecordMeasureDelivery',
      data: { householdId: HOUSEHOLD, measureId: 'm-1', deliveredOn: '2026-03-20', evidence: [], note: '', via: null },
      facts: { channel: null },
    };
    spec.given([added]).when(bare, context).then({ code: 'INVALID_MEASURE' });
  });

  it('delivers through a disbursement only if it is on the record and reached this household', () => {
    spec
      .given([added])
      .when(deliver('2026-03-20', FUND, { found: false, reachesHousehold: false }), context)
      .then({ code: 'DELIVERY_CHANNEL_NOT_FOUND' });
    spec
      .given([added])
      .when(deliver('2026-03-20', FUND, { found: true, reachesHousehold: false }), context)
      .then({ code: 'DELIVERY_NOT_TO_HOUSEHOLD' });
    spec
      .given([added])
      .when(deliver('2026-03-20', FUND, { found: true, reachesHousehold: true }), context)
      .then([
        {
          type: 'MeasureDelivered',
          data: {
            householdId: HOUSEHOLD,
            measureId: 'm-1',
            deliveredOn: '2026-03-20',
            evidence: ['发放签收单'],
            note: '已发放',
            via: FUND,
            cadreId: 'c-li',
            onTime: true,
          },
        },
      ]);
  });

  it('closes a measure as not delivered, with why, and then accepts no further act on it', () => {
    const notDelivered: HelpPlanEvent = {
      type: 'MeasureNotDelivered',
      data: { householdId: HOUSEHOLD, measureId: 'm-1', reason: '农户外出务工，改为就业帮扶', cadreId: 'c-li' },
    };
    spec
      .given([added])
      .when({ type: 'RecordMeasureNotDelivered', data: { householdId: HOUSEHOLD, measureId: 'm-1', reason: '农户外出务工，改为就业帮扶' } })
      .then([notDelivered]);
    spec.given([added, notDelivered]).when(deliver('2026-03-20'), context).then({ code: 'MEASURE_CLOSED' });
    spec
      .given([added, notDelivered])
      .when(revise({ dueOn: '2026-06-30' }))
      .then({ code: 'MEASURE_CLOSED' });
    // A revision that names no change is refused for what it lacks, whatever the measure's state.
    spec
      .given([added, notDelivered])
      .when(revise({ dueOn: undefined }))
      .then({ code: 'INVALID_MEASURE' });
  });

  it('answers a measure the plan does not have as not found', () => {
    spec.given([]).when(deliver('2026-03-20'), context).then({ code: 'MEASURE_NOT_FOUND' });
  });
});
