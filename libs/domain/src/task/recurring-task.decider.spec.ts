import { specFor } from '@bangfu/testing';
import { recurringTaskDecider, type RecurringTaskEvent, type RecurringTaskSpec } from './recurring-task.decider';

const monthly: RecurringTaskSpec = {
  seriesId: 'songjiang-zicha',
  plan: '安图县脱贫攻坚自查自评办法',
  title: '松江镇脱贫攻坚月度自查自评',
  regionCode: '222426103',
  leadUnit: '松江镇人民政府',
  leadOfficial: null,
  cooperatingUnits: [],
  recurrence: 'monthly',
  firstPeriod: '2026-03',
  reportDays: 10,
  target: { quantity: 1, unit: '份自查报告' },
};
const defined: RecurringTaskEvent = { type: 'RecurringTaskDefined', data: monthly };
const issue = (period: string) => ({ type: 'IssueRecurringPeriod' as const, data: { seriesId: 'songjiang-zicha', period } });
const inMarch = { now: new Date('2026-03-02T02:00:00.000Z') };
const issuedMarch: RecurringTaskEvent = {
  type: 'RecurringPeriodIssued',
  data: {
    seriesId: 'songjiang-zicha',
    period: '2026-03',
    task: {
      taskId: 'songjiang-zicha-2026-03',
      plan: '安图县脱贫攻坚自查自评办法',
      item: '2026-03',
      title: '松江镇脱贫攻坚月度自查自评（2026年3月）',
      regionCode: '222426103',
      leadOfficial: null,
      leadUnit: '松江镇人民政府',
      cooperatingUnits: [],
      target: { quantity: 1, unit: '份自查报告' },
      amountFen: null,
      // 31 March ends at 16:00Z; ten days later, the end of 10 April in Shanghai.
      deadline: '2026-04-10T16:00:00.000Z',
      timing: '2026年3月结束后10日内报送自查自评',
    },
    nextPeriod: '2026-04',
    nextStartsAt: '2026-03-31T16:00:00.000Z',
  },
};
const spec = specFor(recurringTaskDecider);

describe('recurring tasks (自查自评)', () => {
  it('is defined once, with a period written as its recurrence names them', () => {
    spec.given([]).when({ type: 'DefineRecurringTask', data: monthly }).then([defined]);
    spec.given([defined]).when({ type: 'DefineRecurringTask', data: monthly }).then({ code: 'RECURRING_TASK_ALREADY_DEFINED' });
    spec
      .given([])
      .when({ type: 'DefineRecurringTask', data: { ...monthly, recurrence: 'quarterly', firstPeriod: '2026-03' } })
      .then({ code: 'INVALID_RECURRING_TASK' });
    spec
      .given([])
      .when({ type: 'DefineRecurringTask', data: { ...monthly, reportDays: 61 } })
      .then({ code: 'INVALID_RECURRING_TASK' });
  });

  it('issues a begun period as a task due the report days after it ends, naming the next period', () => {
    spec.given([defined]).when(issue('2026-03'), inMarch).then([issuedMarch]);
  });

  it('issues a period once: a second timer for it finds nothing to do', () => {
    spec.given([defined, issuedMarch]).when(issue('2026-03'), inMarch).then([]);
  });

  it('refuses a period not yet begun, or before the first', () => {
    spec.given([defined]).when(issue('2026-04'), inMarch).then({ code: 'INVALID_RECURRING_TASK' });
    spec.given([defined]).when(issue('2026-02'), inMarch).then({ code: 'INVALID_RECURRING_TASK' });
  });

  it('names a quarter’s task by its quarter, due after the quarter’s last month', () => {
    const quarterly = { ...monthly, seriesId: 'county-zicha', recurrence: 'quarterly' as const, firstPeriod: '2026-Q1', reportDays: 15 };
    const run = () =>
      recurringTaskDecider.decide(
        { type: 'IssueRecurringPeriod', data: { seriesId: 'county-zicha', period: '2026-Q1' } },
        recurringTaskDecider.evolve(recurringTaskDecider.initialState(), { type: 'RecurringTaskDefined', data: quarterly }),
        { ...inMarch, actor: { id: 'system', roles: ['system'] } },
      );
    const [issued] = run();
    expect(issued).toMatchObject({
      type: 'RecurringPeriodIssued',
      data: {
        period: '2026-Q1',
        nextPeriod: '2026-Q2',
        nextStartsAt: '2026-03-31T16:00:00.000Z',
        task: {
          taskId: 'county-zicha-2026-Q1',
          title: '松江镇脱贫攻坚月度自查自评（2026年第1季度）',
          deadline: '2026-04-15T16:00:00.000Z',
        },
      },
    });
  });

  it('ends once, with the reason and the last period issued; an ended series issues nothing more', () => {
    const ended: RecurringTaskEvent = {
      type: 'RecurringTaskEnded',
      data: { seriesId: 'songjiang-zicha', reason: '并入季度自查', lastPeriod: '2026-03' },
    };
    spec
      .given([defined, issuedMarch])
      .when({ type: 'EndRecurringTask', data: { seriesId: 'songjiang-zicha', reason: '并入季度自查' } })
      .then([ended]);
    spec
      .given([defined, issuedMarch, ended])
      .when({ type: 'EndRecurringTask', data: { seriesId: 'songjiang-zicha', reason: '再次结束' } })
      .then({ code: 'RECURRING_TASK_ENDED' });
    spec
      .given([defined, issuedMarch, ended])
      .when(issue('2026-04'), { now: new Date('2026-04-02T00:00:00.000Z') })
      .then([]);
  });

  it('answers a series never defined as not found', () => {
    spec.given([]).when(issue('2026-03'), inMarch).then({ code: 'RECURRING_TASK_NOT_FOUND' });
  });
});
