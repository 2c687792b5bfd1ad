import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { EVENT_STORE, type EventStore } from '@bangfu/eventstore';
import { overdueVisits, ReadStore, timelinePage, type TimelineRow } from '@bangfu/projections';
import { timersWithStatus, VirtualClock } from '@bangfu/workflow';
import { DemoTimeline } from '../src/demo/demo-clock';
import { startTestApp, type TestApp } from './test-app';

type Answer = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * The demo's year as bangfu wrote it before commands carried only their intent (commit e468c89): 1,644 events, among
 * them 237 durable timers whose commands sit in `TimerScheduled` events of the hash-chained log. A log is never
 * rewritten, so today's code must read it, fire every timer in it and go on deciding on its streams.
 */
const FIXTURE = join(__dirname, 'fixtures', 'demo-log-2026-12-02.events.db.gz');
const LOGGED_UNTIL = '2026-12-02T06:00:00.000Z';

describe('a log written by an earlier version', () => {
  let t: TestApp;
  let clock: VirtualClock;
  let timeline: DemoTimeline;
  beforeAll(async () => {
    // Given the earlier version's data dir (the log alone: the views are rebuilt from it on start).
    const dataDir = mkdtempSync(join(tmpdir(), 'bangfu-legacy-'));
    writeFileSync(join(dataDir, 'events.db'), gunzipSync(readFileSync(FIXTURE)));
    clock = new VirtualClock(LOGGED_UNTIL);
    t = await startTestApp({ dataDir, clock });
    timeline = new DemoTimeline(t.app, clock);
    await timeline.settle();
  });
  afterAll(async () => t.close());

  const views = () => t.app.get(ReadStore);
  const get = async (path: string, token: string) => (await t.request('GET', `/api/v1${path}`, { token })).body as Answer;

  it('rebuilds every view from it', async () => {
    const head = await t.app.get<EventStore>(EVENT_STORE).headPosition();
    expect(head).toBeGreaterThanOrEqual(1644);
    const health = await get('/health', '');
    expect(health.projections).toMatchObject({ head, position: head, lag: 0 });
  });

  it('fires every timer it scheduled, deciding each with facts read now, and records the months it judges', async () => {
    // When seven months pass (month closings, reminders, escalations, the end of the transition benefits).
    await timeline.advanceTo('2027-07-01T00:00:00.000Z');
    await timeline.settle();

    // Then no timer that fell due is left pending, and none was refused for anything but a rule of the record.
    const pending = timersWithStatus(views(), 'pending').filter((timer) => timer.due_at <= '2027-07-01T00:00:00.000Z');
    expect(pending).toEqual([]);
    const outcomes = timersWithStatus(views(), 'fired');
    expect(outcomes.length).toBeGreaterThan(237);
    const refused = outcomes.map((o) => JSON.parse(o.outcome ?? '{}') as Answer).filter((o) => o.result === 'refused');
    expect(refused).toEqual([]);

    // And each month from December on, closed by the timers the old version scheduled, is judged under the visit
    // policy in force (read now, not stored with the timer): with no visit recorded after the log ends, every
    // household owing one is overdue, the same ones each month.
    const admin = t.token(['county-admin'], '222426', 'admin-legacy');
    const overdueIn = async (month: string) =>
      (await get(`/regions/222426/overdue-visits?month=${month}&status=all&limit=1000`, admin)).overdue as Answer[];
    const december = await overdueIn('2026-12');
    expect(december.length).toBeGreaterThan(0);
    for (const line of december) expect(line.policy).toMatchObject({ regionCode: expect.any(String), version: expect.any(Number) });
    for (const month of ['2027-01', '2027-03', '2027-06']) {
      expect((await overdueIn(month)).map((o) => o.householdId).sort()).toEqual(december.map((o) => o.householdId).sort());
    }
  });

  it('reads the exit standard it adopted before the 摘帽 thresholds were versioned as adopted under the national ones', async () => {
    const admin = t.token(['county-admin'], '222426', 'admin-legacy');
    const answer = await get('/regions/222426/exit-indicators', admin);
    expect(answer.standard).toMatchObject({ regionCode: '220000', version: 1 });
    expect(answer.indicators.wrongExitRate.limitPercent).toBe(2);
    expect(answer.indicators.missedRate.limitPercent).toBe(2);
    expect(answer.indicators.approval.minimumPercent).toBe(90);
  });

  it('goes on deciding on its streams: a visit, an exit case, a case opened on an old event', async () => {
    const cadre = t.token(['cadre'], '220000', 'jl-wjw-01');
    const [held] = (await get('/cadres/jl-wjw-01/households', cadre)).households as Answer[];
    const visit = await t.request('POST', `/api/v1/households/${held.householdId}/visits`, {
      token: cadre,
      headers: { 'idempotency-key': 'legacy-visit' },
      body: {
        cadreId: 'jl-wjw-01',
        kind: '走访',
        occurredAt: clock.now().toISOString(),
        findings: Object.fromEntries(['food', 'clothing', 'education', 'medical', 'housing', 'water'].map((k) => [k, { result: 'met' }])),
        measures: ['产业帮扶'],
      },
    });
    expect(visit.status).toBe(201);

    const team = t.token(['work-team'], '222426103201', 'jl-wjw-13');
    const started = await t.request('POST', '/api/v1/exits', {
      token: team,
      body: { householdId: held.householdId, reason: '收入稳定，拟申请脱贫' },
    });
    expect([started.status, started.body.exitId]).toEqual([201, expect.stringMatching(new RegExp(`^${held.householdId}-\\d+$`))]);

    const reviewer = t.token(['discipline'], '222426', 'jw-legacy');
    const [overdue] = overdueVisits(views(), '222426', { open: false, limit: 1 });
    const ground = timelinePage(views(), overdue.household_id, 0, 10_000).find(
      (entry) => entry.type === 'VisitOverdue' && (JSON.parse(entry.data) as { month: string }).month === overdue.month,
    ) as TimelineRow;
    const opened = await t.request('POST', '/api/v1/cases', {
      token: reviewer,
      body: { caseId: 'legacy-case', against: { kind: 'unit', id: 'jl-wjw' }, summary: '逾期未走访', groundEventIds: [ground.event_id] },
    });
    expect(opened.status).toBe(201);
    await timeline.settle();
    const theCase = await get('/cases/legacy-case', reviewer);
    expect(theCase.parties.map((p: Answer) => p.role)).toEqual(['subject', 'responsible-cadre', 'lead-official']);
  });
});
