import { shanghaiDate } from '@bangfu/domain';
import { VirtualClock } from '@bangfu/workflow';
import { DemoTimeline } from '../src/demo/demo-clock';
import { RecordFacts } from '@bangfu/application';
import { SONGJIANG_DIVISIONS, registerDivisions, startTestApp, type TestApp } from './test-app';

type Answer = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The exit standard a county adopts: every 摘帽 threshold comes from the version in force on the Shanghai calendar. */
describe('exit standards and the 摘帽 indicators', () => {
  let t: TestApp;
  let clock: VirtualClock;
  let timeline: DemoTimeline;
  let admin: string;
  beforeAll(async () => {
    clock = new VirtualClock('2026-03-01T01:00:00.000Z');
    t = await startTestApp({ clock });
    timeline = new DemoTimeline(t.app, clock);
    admin = t.token(['county-admin'], '220000', 'admin-standards');
    await registerDivisions(t, admin, SONGJIANG_DIVISIONS);
    // Given 安图县's own standard from 5 March: 3% incidence, 错退率 under 3%, 漏评率 under 1%, 认可度 at least 95%.
    const adopted = await t.request('POST', '/api/v1/regions/222426/exit-standards', {
      token: admin,
      body: {
        effectiveFrom: '2026-03-05',
        incomeLineFen: 420_000,
        incidenceLimitBp: 300,
        villageChecklist: [],
        wrongExitLimitBp: 300,
        missedLimitBp: 100,
        approvalMinimumBp: 9500,
        reason: '县定退出标准（试行）',
      },
    });
    expect(adopted.status).toBe(201);
  });
  afterAll(async () => t.close());

  const indicatorsAt = async (instant: string) => {
    await timeline.advanceTo(instant);
    await timeline.settle();
    return (await t.request('GET', '/api/v1/regions/222426/exit-indicators', { token: admin })).body as Answer;
  };
  const commandsPick = async () => t.app.get(RecordFacts).exitStandard('222426103201', shanghaiDate(clock.now()));

  it('at 23:00 on 4 March in Shanghai, judges by the national standard, as the commands do', async () => {
    const answer = await indicatorsAt('2026-03-04T15:00:00.000Z');
    expect(answer.standard.version).toBe(0);
    expect((await commandsPick()).version).toBe(0);
    expect(answer.indicators.incidence.limitPercent).toBe(2);
    expect(answer.indicators.wrongExitRate.limitPercent).toBe(2);
    expect(answer.indicators.missedRate.limitPercent).toBe(2);
    expect(answer.indicators.approval.minimumPercent).toBe(90);
  });

  it('at 03:00 on 5 March in Shanghai (still the 4th in UTC), judges by the county’s standard, as the commands do', async () => {
    const answer = await indicatorsAt('2026-03-04T19:00:00.000Z');
    expect(answer.standard).toMatchObject({ regionCode: '222426', version: 1 });
    expect((await commandsPick()).version).toBe(1);
    // Every threshold beside its indicator is the standard's own, not a constant.
    expect(answer.indicators.incidence.limitPercent).toBe(3);
    expect(answer.indicators.wrongExitRate.limitPercent).toBe(3);
    expect(answer.indicators.missedRate.limitPercent).toBe(1);
    expect(answer.indicators.approval.minimumPercent).toBe(95);
  });

  it('judges a survey against the standard’s minimum: 94% meets the national 90% but not the county’s 95%', async () => {
    const survey = await t.request('POST', '/api/v1/regions/222426/satisfaction-surveys', {
      token: admin,
      body: { surveyId: 'svy-standards', surveyedOn: '2026-03-05', respondents: 200, satisfied: 188, team: '第三方评估组' },
    });
    expect(survey.status).toBe(201);
    const answer = await indicatorsAt('2026-03-05T02:00:00.000Z');
    expect(answer.indicators.approval).toEqual({ percent: 94, minimumPercent: 95, met: false, respondents: 200 });
  });
});
