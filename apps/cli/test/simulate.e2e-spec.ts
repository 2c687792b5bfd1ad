import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { VirtualClock } from '@bangfu/workflow';
import { householdsPage, ReadStore, timelinePage } from '@bangfu/projections';
import { EVENT_STORE, type EventStore } from '@bangfu/eventstore';
import { runCli } from '../../api/test/test-app';
import { demoMonth, loadConfig, monthBase } from '@bangfu/application';
import { createApp, settle } from '../../api/src';

const env = (dataDir: string) => ({ ...process.env, BANGFU_DATA_DIR: dataDir, BANGFU_LOG: 'false' });
const simulate = (dataDir: string, ...extra: string[]) =>
  runCli(['simulate', '--households', '120', '--months', '26', '--seed', '11', ...extra], env(dataDir));
const log = (dataDir: string) =>
  new Database(join(dataDir, 'events.db'), { readonly: true })
    .prepare('SELECT id, stream_id, type, hash FROM events ORDER BY position')
    .all() as {
    id: string;
    stream_id: string;
    type: string;
    hash: string;
  }[];

describe('bangfu simulate', () => {
  const first = mkdtempSync(join(tmpdir(), 'bangfu-sim-'));

  beforeAll(async () => {
    const run = await simulate(first);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/simulated 120 households in 1 counties over 26 months: [\d,]+ events/);
    // A clean history: every command the plan sends is one the rules accept.
    expect(run.stdout).not.toMatch(/refused/);
    expect(run.stdout).toMatch(/views built/);
  }, 120_000);

  it('writes the kinds of record a county keeps, and the views show them', () => {
    const types = new Set(log(first).map((event) => event.type));
    for (const type of [
      'WorkflowCompleted',
      'HouseholdExited',
      'InspectionSampleDrawn',
      'RegionRegistered',
      'HouseholdRegistered',
      'CadreAssigned',
      'VisitRecorded',
      'VisitMonthClosed',
      'VisitOverdue',
      'FundDisbursed',
      'TimerFired',
    ]) {
      expect(types).toContain(type);
    }
    const views = new ReadStore(join(first, 'views.db'));
    try {
      const households = householdsPage(views, '', '', 1_000);
      expect(households).toHaveLength(120);
      expect(households.filter((row) => row.cadre_id !== null)).toHaveLength(120);
      // The views were rebuilt and then finished (afterLoad): a household's timeline holds every event of its
      // stream in log order, from a table clustered by household, and the indexes built after the load exist.
      const household = households[0].household_id;
      const own = log(first).filter((event) => event.stream_id === `household-${household}`);
      const timeline = timelinePage(views, household, 0, 100_000);
      expect(timeline.filter((row) => row.stream_id === `household-${household}`).map((row) => row.event_id)).toEqual(own.map((e) => e.id));
      // eslint-disable-next-line no-restricted-syntax -- the test checks the timeline's physical layout, which no query exposes
      const plan = views.prepare('EXPLAIN QUERY PLAN SELECT * FROM timeline WHERE household_id = ? ORDER BY position').all(household) as {
        detail: string;
      }[];
      expect(plan.map((step) => step.detail).join(' ')).toMatch(/USING PRIMARY KEY \(household_id=\?\)/);
      const indexes = (views.prepare("SELECT name FROM sqlite_master WHERE type = 'index'").all() as { name: string }[]).map((r) => r.name);
      for (const name of ['visits_g1_by_household', 'subject_events_g1_by_subject', 'merkle_leaves_g1_by_event'])
        expect(indexes).toContain(name);
    } finally {
      views.close();
    }
  });

  it('is repeatable: the same seed writes the same events with the same hashes', async () => {
    const second = mkdtempSync(join(tmpdir(), 'bangfu-sim-'));
    expect((await simulate(second, '--no-views')).status).toBe(0);
    expect(log(second)).toEqual(log(first));
  }, 120_000);

  it('passes verify', async () => {
    const verify = await runCli(['verify'], env(first));
    expect(verify.status).toBe(0);
  }, 60_000);

  it('leaves the server nothing to add: its process managers, replaying the log, find every reaction already recorded', async () => {
    const before = log(first).length;
    const views = new Database(join(first, 'views.db'));
    // eslint-disable-next-line no-restricted-syntax -- forgets the processes' checkpoints, as views a server has never opened would
    views.exec('DELETE FROM process_checkpoints');
    views.close();
    const config = loadConfig({ BANGFU_DATA_DIR: first, BANGFU_JWT_SECRET: 'sim', BANGFU_LOG: 'false', BANGFU_TIMER_INTERVAL_MS: '0' });
    const clock = new VirtualClock(new Date(monthBase(demoMonth('2021-01', 26))));
    const app = await createApp(config, { clock });
    await app.init();
    try {
      await settle(app);
      expect(await app.get<EventStore>(EVENT_STORE).headPosition()).toBe(before);
    } finally {
      await app.close();
    }
    expect(log(first)).toHaveLength(before);
  }, 120_000);

  it('refuses bad options and a data dir that already holds events, appending nothing', async () => {
    const zero = await runCli(['simulate', '--households', '0', '--months', '3'], env(mkdtempSync(join(tmpdir(), 'bangfu-sim-'))));
    expect(zero.status).toBe(2);
    expect(zero.stderr).toMatch(/--households must be a whole number/);
    const month = await runCli(['simulate', '--households', '5', '--months', '1', '--start', '2021-13'], env(first));
    expect(month.status).toBe(2);
    const before = log(first).length;
    const again = await simulate(first);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/already holds events/);
    expect(log(first)).toHaveLength(before);
  }, 60_000);
});
