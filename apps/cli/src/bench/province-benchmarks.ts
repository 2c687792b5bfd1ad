import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { summary, type BenchResult } from './store-benchmarks';
import { PROVINCE_MONTHS, QUERIES, type StepResult } from './province-steps';
import { startBenchServer } from './bench-servers';
import { CATCH_UP_EVENTS } from './esdb-catch-up';

const CLI = join(__dirname, '..', 'main.js');
const ONE_HOUSEHOLD = new Set(['household timeline', 'responsibility ?at=', 'fund trace', 'one-year dossier export']);

/** Runs `bangfu bench --step NAME` in a child process and returns the JSON line it prints. */
function step<T>(name: string, dir: string, env: Record<string, string>, heapMb = HEAP_MB): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [`--max-old-space-size=${heapMb}`, CLI, 'bench', '--step', name, '--dir', dir], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.on('error', reject);
    child.on('close', (status) => {
      const line = out.split('\n').find((l) => l.startsWith('BENCH_RESULT '));
      if (status !== 0 || !line) reject(new Error(`benchmark step ${name} failed (exit ${status})`));
      else resolve(JSON.parse(line.slice('BENCH_RESULT '.length)) as T);
    });
  });
}

export function logResult(result: BenchResult, log: (line: string) => void): void {
  log(
    `${result.name}: median ${summary(result.runs).toLocaleString('en')} ${result.unit} (runs ${result.runs.join(', ')}), peak RSS ${result.peakRssMb} MB`,
  );
}

export interface ProvinceResults {
  results: BenchResult[];
  events: number;
}

/** Heap limits as a deployment would set them: without one V8 grows the heap long before it collects. */
const HEAP_MB = 256;

/**
 * The province log's steps, each in its own process: the simulated log, all views rebuilt against a raw
 * scan of the same log (the last rebuild is the views the reads use), verify, and the users' reads through
 * HTTP on it. `runs` repeats the scan, rebuild and verify (a 10M-event log is measured once).
 */
export async function runProvinceLog(
  dir: string,
  households: number,
  runs: number,
  add: (result: BenchResult) => void,
): Promise<{ events: number }> {
  const env = { BANGFU_BENCH_HOUSEHOLDS: String(households), BANGFU_BENCH_RUNS: String(runs) };
  const data = join(dir, 'province');
  const simulated = await step<StepResult>('simulate', data, env);
  const events = Number(simulated.detail.events);
  const scale = `${households.toLocaleString('en')} households × ${PROVINCE_MONTHS} months = ${events.toLocaleString('en')} events`;
  add({
    name: 'bangfu simulate (through the command handlers)',
    unit: 'events/s',
    runs: simulated.runs,
    detail: `${scale} from ${Number(simulated.detail.commands).toLocaleString('en')} commands in ${simulated.detail.seconds} s, one run; heap limit ${HEAP_MB} MB`,
    peakRssMb: simulated.peakRssMb,
  });
  const scan = await step<StepResult>('scan', data, env);
  add({
    name: 'raw scan and parse of the log (baseline)',
    unit: 'events/s',
    runs: scan.runs,
    detail: `every row in log order, data and metadata JSON.parse'd; ${scale}`,
    peakRssMb: scan.peakRssMb,
  });
  const rebuild = await step<StepResult>('rebuild', data, env);
  add({
    name: `rebuild of all ${rebuild.detail.views} views`,
    unit: 'events/s',
    runs: rebuild.runs,
    detail: `${scale}, into a fresh file; µs per event (last run): ${rebuild.detail.costs}`,
    target: {
      text: '≥ 100,000 events/s and ≥ 50% of the raw scan',
      met: summary(rebuild.runs) >= 100_000 && summary(rebuild.runs) >= 0.5 * summary(scan.runs),
    },
    peakRssMb: rebuild.peakRssMb,
  });
  await catchUpRow(data, env, add);
  const verify = await step<StepResult>('verify', data, env);
  add({
    name: 'verify (province log)',
    unit: 'events/s',
    runs: verify.runs,
    detail: `every hash chain and the log's continuity over ${scale}, read in log order in one range per core`,
    target: { text: '≥ 200,000 events/s', met: summary(verify.runs) >= 200_000 },
    peakRssMb: verify.peakRssMb,
  });
  const queries = await step<Record<string, StepResult>>('queries', data, env);
  for (const name of QUERIES) {
    const q = queries[name];
    const limit = ONE_HOUSEHOLD.has(name) ? 10 : name === 'flags page of 50' ? 20 : 50;
    add({
      name: `${name}, p99 latency`,
      unit: 'ms',
      runs: q.runs,
      detail: `HTTP, one request at a time, 3 × 3 s over varied subjects; p50 ${q.detail.p50} ms; ${scale}`,
      target: { text: `≤ ${limit} ms`, met: summary(q.runs) <= limit },
      peakRssMb: q.peakRssMb,
    });
  }
  return { events };
}

/**
 * A fresh API node's catch-up from the EventStoreDB adapter: every view built from the first events of the province
 * log read over gRPC from the stand-in (in a process of its own), beside the same catch-up from a SQLite copy.
 */
async function catchUpRow(data: string, env: Record<string, string>, add: (result: BenchResult) => void): Promise<void> {
  const standIn = await startBenchServer('serve-esdb', data);
  let caughtUp: { esdb: number[]; sqlite: number[]; peakRssMb: number };
  try {
    caughtUp = await step('catch-up', data, { ...env, BANGFU_BENCH_ESDB_PORT: String(standIn.port) });
  } finally {
    await standIn.stop();
  }
  const ratio = summary(caughtUp.esdb) / summary(caughtUp.sqlite);
  add({
    name: 'catch-up of a fresh node from EventStoreDB (gRPC stand-in)',
    unit: 'events/s',
    runs: caughtUp.esdb,
    detail:
      `every view built from the log's first ${CATCH_UP_EVENTS.toLocaleString('en')} events, read from $all over gRPC; ` +
      `the same from a SQLite copy of them: ${Math.round(summary(caughtUp.sqlite)).toLocaleString('en')} events/s (EventStoreDB at ${ratio.toFixed(2)}× of it); ` +
      'the stand-in encodes every event in JavaScript in its own process, and the adapter waits on it (75% idle in a profile): a floor for a real server',
    peakRssMb: caughtUp.peakRssMb,
  });
}

/** Marks every step over the RSS target as missing it. */
export function checkRss(results: BenchResult[]): void {
  for (const r of results) if (r.peakRssMb > 512) r.target = { text: `${r.target ? `${r.target.text}; ` : ''}RSS ≤ 512 MB`, met: false };
}

/**
 * The province section of the report: the log's steps three times over, and Emmett as the peer.
 */
export async function runProvinceBenchmarks(
  dir: string,
  households: number,
  seconds: number,
  log: (line: string) => void,
): Promise<ProvinceResults> {
  const env = { BANGFU_BENCH_HOUSEHOLDS: String(households), BANGFU_BENCH_SECONDS: String(seconds) };
  const results: BenchResult[] = [];
  const add = (result: BenchResult) => {
    result.section = 'province';
    results.push(result);
    logResult(result, log);
  };
  const { events } = await runProvinceLog(dir, households, 3, add);
  const peer = await step<{
    bangfuAppend: number[];
    bangfuRebuild: number[];
    emmettAppend: number[];
    emmettRebuild: number[];
    peakRssMb: number;
  }>('emmett', join(dir, 'emmett'), env);
  const workload = '200 appends of 1000 visit events (synchronous=FULL on both)';
  add({
    name: 'Emmett (emmett-sqlite 0.38.5): batched appends',
    unit: 'events/s',
    runs: peer.emmettAppend,
    detail: workload,
    peakRssMb: peer.peakRssMb,
  });
  add({
    name: 'bangfu: the same batched appends',
    unit: 'events/s',
    runs: peer.bangfuAppend,
    detail: `${workload}; ratio ${(summary(peer.bangfuAppend) / summary(peer.emmettAppend)).toFixed(2)}×`,
    target: { text: '≥ 1.5× Emmett', met: summary(peer.bangfuAppend) >= 1.5 * summary(peer.emmettAppend) },
    peakRssMb: peer.peakRssMb,
  });
  const replay = 'the 200,000 events read in log order, pages of 5000, into the same one-table SQLite view';
  add({ name: 'Emmett: rebuild of one view', unit: 'events/s', runs: peer.emmettRebuild, detail: replay, peakRssMb: peer.peakRssMb });
  add({
    name: 'bangfu: the same rebuild',
    unit: 'events/s',
    runs: peer.bangfuRebuild,
    detail: `${replay}; ratio ${(summary(peer.bangfuRebuild) / summary(peer.emmettRebuild)).toFixed(2)}×`,
    target: { text: '≥ 2× Emmett', met: summary(peer.bangfuRebuild) >= 2 * summary(peer.emmettRebuild) },
    peakRssMb: peer.peakRssMb,
  });
  return { results, events };
}
