import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ROLES } from '@bangfu/domain';
import { SqliteEventStore, verifyEventsFile } from '@bangfu/eventstore';
import { ReadStore, rebuildProjections, type Projection } from '@bangfu/projections';
import { VirtualClock } from '@bangfu/workflow';
import { allProjections, demoMonth, loadConfig, monthBase, SCAN_CACHE_MB, signToken } from '@bangfu/application';
import { LedgerProofs, createApp } from '../../../api/src';
import { getLoad, serveStep } from './bench-servers';
import { emmettPeerStep } from './emmett-peer';
import { catchUpStep, serveEsdbStep } from './esdb-catch-up';
import { rate, rssMb } from './store-benchmarks';
import { provincePlan } from '../simulate/province-plan';
import { simulate } from '../simulate/simulation-runner';

/** One step's numbers, measured in a process of its own so that its peak RSS is its own. */
export interface StepResult {
  runs: number[];
  detail: Record<string, number | string>;
  peakRssMb: number;
}

export const PROVINCE_MONTHS = 60;
const FIRST_MONTH = '2021-01';

const benchConfig = (dataDir: string) =>
  loadConfig({
    BANGFU_DATA_DIR: dataDir,
    BANGFU_JWT_SECRET: 'bench',
    BANGFU_LOG: 'false',
    BANGFU_RATE_LIMIT_PER_MINUTE: '0',
    BANGFU_TIMER_INTERVAL_MS: '0',
  });

/** The province log every later step reads: `households` over five years, through the real command path. */
async function simulateStep(dir: string, households: number): Promise<Omit<StepResult, 'peakRssMb'>> {
  const report = await simulate(benchConfig(dir), { households, months: PROVINCE_MONTHS, seed: 20260401, firstMonth: FIRST_MONTH });
  return {
    runs: [rate(report.events, report.ms)],
    detail: { events: report.events, commands: report.commands, seconds: Math.round(report.ms / 1000) },
  };
}

/** The projections with each one's apply timed into `costs` (ms by view): where a rebuild's time goes. */
function timed(projections: readonly Projection[], costs: Map<string, number>): Projection[] {
  return projections.map((projection) => ({
    ...projection,
    apply(event, view) {
      const started = performance.now();
      projection.apply(event, view);
      costs.set(projection.name, (costs.get(projection.name) ?? 0) + performance.now() - started);
    },
  }));
}

interface RebuildRun {
  events: number;
  rate: number;
  /** Microseconds per event: each view's apply, its indexes built at the end, and the rest (reading the log, commits). */
  costs: [string, number][];
}

/** Every view rebuilt from the province log into `viewsFile`, each view's share timed. */
async function rebuildInto(dir: string, viewsFile: string): Promise<RebuildRun> {
  const store = new SqliteEventStore({ file: join(dir, 'events.db'), cacheMb: SCAN_CACHE_MB });
  const views = new ReadStore(viewsFile);
  try {
    const applying = new Map<string, number>();
    const started = performance.now();
    const reports = await rebuildProjections(store, views, timed(allProjections, applying));
    const ms = performance.now() - started;
    const events = await store.headPosition();
    const perEvent = (msTotal: number) => Math.round((msTotal * 10_000) / events) / 10;
    const indexing = reports.reduce((sum, r) => sum + r.finishMs, 0);
    const applied = [...applying.values()].reduce((sum, t) => sum + t, 0);
    const costs: [string, number][] = [
      ...[...applying].map(([name, t]): [string, number] => [name, perEvent(t)]).sort((a, b) => b[1] - a[1]),
      ['indexing after the load', perEvent(indexing)],
      ['reading the log and committing', perEvent(ms - applied - indexing)],
    ];
    return { events, rate: rate(events, ms), costs };
  } finally {
    await store.close();
    views.close();
  }
}

/** Every view rebuilt from the whole log into a fresh file, `runs` times; the last one stays as the views the reads use. */
async function rebuildStep(dir: string, runs: number): Promise<Omit<StepResult, 'peakRssMb'>> {
  const rates: number[] = [];
  let last: RebuildRun | undefined;
  for (let r = 0; r < runs; r++) {
    const final = r === runs - 1;
    const file = join(dir, final ? 'views.db' : `rebuild-${r}.db`);
    last = await rebuildInto(dir, file);
    rates.push(last.rate);
    if (!final) for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
  }
  const costs = last!.costs.filter(([, us]) => us >= 0.5).map(([name, us]) => `${name} ${us}`);
  return { runs: rates, detail: { events: last!.events, views: allProjections.length, costs: costs.join(', ') } };
}

/** The floor under any rebuild: every row read in log order and its data and metadata parsed, nothing else. */
function rawScanStep(dir: string, repeats: number): Omit<StepResult, 'peakRssMb'> {
  const runs: number[] = [];
  let events = 0;
  for (let r = 0; r < repeats; r++) {
    const db = new Database(join(dir, 'events.db'), { readonly: true });
    const started = performance.now();
    events = 0;
    for (const row of db.prepare('SELECT position, stream_id, type, data, metadata FROM events ORDER BY position').iterate() as Iterable<{
      data: string;
      metadata: string;
    }>) {
      JSON.parse(row.data);
      JSON.parse(row.metadata);
      events++;
    }
    runs.push(rate(events, performance.now() - started));
    db.close();
  }
  return { runs, detail: { events } };
}

async function verifyStep(dir: string, repeats: number): Promise<Omit<StepResult, 'peakRssMb'>> {
  const runs: number[] = [];
  let events = 0;
  for (let r = 0; r < repeats; r++) {
    const started = performance.now();
    const report = await verifyEventsFile(join(dir, 'events.db'));
    if (!report.ok) throw new Error(`the simulated log failed verification: ${report.break.reason}`);
    events = report.events;
    runs.push(rate(report.events, performance.now() - started));
  }
  return { runs, detail: { events } };
}

export const QUERIES = [
  'household timeline',
  'responsibility ?at=',
  'region visit coverage',
  'overdue page',
  'fund trace',
  'exit pipeline',
  'one-year dossier export',
  'flags page of 50',
] as const;

/** The inspectors' inbox as they filter it: every type, then one type raised by an event or by time passing at a time. */
const FLAG_FILTERS = ['', '&type=MONTHLY_VISIT_MISSED', '&type=FUND_IDLE', '&type=UNCONFIRMED_DISBURSEMENT', '&type=BACKFILLED_VISIT'];

/** p50/p99 of the users' reads on the province log, through HTTP, one request at a time (the latency a user sees), three runs of 3 s per query. */
async function queriesStep(dir: string): Promise<Record<string, Omit<StepResult, 'peakRssMb'>>> {
  const config = benchConfig(dir);
  const plan = provincePlan(Number(process.env.BANGFU_BENCH_HOUSEHOLDS));
  const end = monthBase(demoMonth(FIRST_MONTH, PROVINCE_MONTHS));
  const app = await createApp(config, { clock: new VirtualClock(new Date(end)) });
  await app.init();
  const admin = { id: 'bench-admin', roles: ['county-admin'], regionCode: plan.code };
  await app.get(LedgerProofs).sign({ actor: admin, now: new Date(end) }, '基准测试封存');
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.getHttpServer().address() as { port: number }).port;
  const token = signToken({ sub: 'bench-reviewer', roles: [...ROLES], region: plan.code, ttlSeconds: 3600 }, 'bench');
  const households = plan.counties.flatMap((county) => county.towns.flatMap((town) => town.villages.map((village) => village.code)));
  const household = (i: number) => `${households[(i * 7919) % households.length]}${String(1 + (i % 50)).padStart(4, '0')}`;
  const county = (i: number) => plan.counties[i % plan.counties.length].code;
  const paths: Record<(typeof QUERIES)[number], (i: number) => string> = {
    'household timeline': (i) => `/api/v1/households/${household(i)}/timeline`,
    'responsibility ?at=': (i) => `/api/v1/households/${household(i)}/responsibility?at=2023-06-15T00:00:00.000Z`,
    'region visit coverage': (i) => `/api/v1/regions/${county(i)}/visit-coverage?month=2024-06`,
    'overdue page': (i) => `/api/v1/regions/${county(i)}/overdue-visits?month=2024-06`,
    'fund trace': (i) => `/api/v1/funds/sim-fund-${county(i)}-2023/trace`,
    'exit pipeline': (i) => `/api/v1/regions/${county(i)}/exit-pipeline`,
    'one-year dossier export': (i) =>
      `/api/v1/dossiers/household/${household(i)}?from=2023-01-01T00:00:00.000Z&to=2024-01-01T00:00:00.000Z`,
    'flags page of 50': (i) => `/api/v1/flags?region=${county(i)}&limit=50${FLAG_FILTERS[i % FLAG_FILTERS.length]}`,
  };
  const results: Record<string, Omit<StepResult, 'peakRssMb'>> = {};
  try {
    for (const name of QUERIES) {
      const p99: number[] = [];
      const p50: number[] = [];
      for (let r = 0; r < 3; r++) {
        const result = await getLoad(port, { connections: 1, seconds: 3, token, path: paths[name], what: name });
        p99.push(result.latency.p99);
        p50.push(result.latency.p50);
      }
      results[name] = { runs: p99, detail: { p50: [...p50].sort((a, b) => a - b)[1] } };
    }
  } finally {
    await app.close();
  }
  return results;
}

/** Runs one step in this process and prints its result as one JSON line (the parent reads it). */
export async function runStep(step: string, dir: string): Promise<void> {
  mkdirSync(dir, { recursive: true });
  if (step === 'serve-esdb') return serveEsdbStep(dir);
  if (step.startsWith('serve-')) return serveStep(step, dir);
  const households = Number(process.env.BANGFU_BENCH_HOUSEHOLDS);
  const runs = Number(process.env.BANGFU_BENCH_RUNS ?? '3');
  let result: unknown;
  if (step === 'simulate') result = { ...(await simulateStep(dir, households)), peakRssMb: rssMb() };
  else if (step === 'rebuild') result = { ...(await rebuildStep(dir, runs)), peakRssMb: rssMb() };
  else if (step === 'scan') result = { ...rawScanStep(dir, runs), peakRssMb: rssMb() };
  else if (step === 'verify') result = { ...(await verifyStep(dir, runs)), peakRssMb: rssMb() };
  else if (step === 'emmett') result = { ...(await emmettPeerStep(dir)), peakRssMb: rssMb() };
  else if (step === 'catch-up')
    result = { ...(await catchUpStep(dir, Number(process.env.BANGFU_BENCH_ESDB_PORT), runs)), peakRssMb: rssMb() };
  else if (step === 'queries') {
    const queries = await queriesStep(dir);
    result = Object.fromEntries(Object.entries(queries).map(([name, r]) => [name, { ...r, peakRssMb: rssMb() }]));
  } else throw new Error(`unknown benchmark step ${step}`);
  console.log(`BENCH_RESULT ${JSON.stringify(result)}`);
}
