import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import {
  GENESIS_HASH,
  SqliteEventStore,
  canonicalJson,
  configureConnection,
  createEventStoreSchema,
  type EventToAppend,
  verifyEventsFile,
} from '@bangfu/eventstore';

export interface BenchResult {
  name: string;
  unit: string;
  runs: number[];
  detail: string;
  target?: { text: string; met: boolean };
  peakRssMb: number;
  /** The province-scale steps are reported in a table of their own. */
  section?: 'province';
}

const actor = { id: 'cadre-2224261032010001', name: '李明', roles: ['cadre'], unitId: 'unit-jlwjw', regionCode: '222426103201' };

/** A visit as a cadre records it: about 400 bytes of canonical JSON, with Chinese text. */
export function visitEvent(i: number): EventToAppend {
  return {
    id: randomUUID(),
    type: 'VisitRecorded',
    data: {
      visitId: `v-${i}`,
      householdId: `2224261032010${String(i % 1000).padStart(3, '0')}`,
      kind: '走访',
      findings: { 不愁吃: true, 不愁穿: true, 义务教育: true, 基本医疗: i % 7 !== 0, 住房安全: true, 饮水安全: true },
      measures: ['黄牛养殖项目分红', '申请医疗救助'],
      notes: '入户走访，了解家庭收入和就医情况，宣传健康扶贫政策。',
    },
    metadata: { actor, occurredAt: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(), correlationId: randomUUID() },
  };
}

/** Events (or commands) a second. */
export const rate = (count: number, ms: number) => Math.round((count / ms) * 1000);
/** The process's peak resident set so far, in MB. */
export const rssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);

export function summary(runs: number[]): number {
  return [...runs].sort((a, b) => a - b)[Math.floor(runs.length / 2)];
}

async function concurrentSingleAppends(file: string, groupCommit: boolean, writers: number, perWriter: number): Promise<number> {
  const store = new SqliteEventStore({ file, groupCommit, synchronous: 'FULL' });
  const started = performance.now();
  await Promise.all(
    Array.from({ length: writers }, async () => {
      const stream = `visit-${randomUUID()}`;
      for (let i = 0; i < perWriter; i++) await store.append(stream, [visitEvent(i)], i === 0 ? 'no_stream' : i - 1);
    }),
  );
  const ms = performance.now() - started;
  await store.close();
  return rate(writers * perWriter, ms);
}

async function batchedAppends(file: string, batches: number): Promise<{ eventsPerSecond: number; store: SqliteEventStore }> {
  const store = new SqliteEventStore({ file, synchronous: 'FULL' });
  const payloads = Array.from({ length: batches }, (_, b) => Array.from({ length: 1000 }, (_, i) => visitEvent(b * 1000 + i)));
  const started = performance.now();
  for (let b = 0; b < batches; b++) await store.append(`household-${b}`, payloads[b], 'no_stream');
  return { eventsPerSecond: rate(batches * 1000, performance.now() - started), store };
}

/** The baseline: the same rows, same schema, same durability, inserted by plain better-sqlite3 (no checks, no hashing). */
function rawInserts(file: string, batches: number): number {
  const db = new Database(file);
  configureConnection(db, 'FULL');
  createEventStoreSchema(db);
  const insert = db.prepare(
    'INSERT INTO events (id, stream_id, category, revision, type, data, metadata, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  // Rows prepared up front: the baseline measures only what the database itself costs.
  const rows = Array.from({ length: batches }, (_, b) =>
    Array.from({ length: 1000 }, (_, i) => {
      const event = visitEvent(b * 1000 + i);
      return [
        event.id,
        `household-${b}`,
        'household',
        i,
        event.type,
        canonicalJson(event.data),
        canonicalJson(event.metadata),
        GENESIS_HASH,
      ];
    }),
  );
  const insertBatch = db.transaction((batch: unknown[][]) => {
    for (const row of batch) insert.run(...row);
  });
  const started = performance.now();
  for (const batch of rows) insertBatch(batch);
  const eventsPerSecond = rate(batches * 1000, performance.now() - started);
  db.close();
  return eventsPerSecond;
}

async function catchUp(store: SqliteEventStore, total: number): Promise<number> {
  const subscription = store.subscribeToAll();
  let seen = 0;
  const started = performance.now();
  for await (const _event of subscription) if (++seen >= total) break;
  subscription.close();
  return rate(seen, performance.now() - started);
}

async function verifyRate(file: string): Promise<number> {
  const started = performance.now();
  const report = await verifyEventsFile(file);
  if (!report.ok) throw new Error(`benchmark store failed verification: ${report.break.reason}`);
  return rate(report.events, performance.now() - started);
}

export async function runStoreBenchmarks(dir: string, scale: number, log: (line: string) => void): Promise<BenchResult[]> {
  const repeats = 3;
  const writers = 32;
  const perWriter = Math.max(10, Math.round(150 * scale));
  const batches = Math.max(10, Math.round(200 * scale));
  const results: BenchResult[] = [];
  const record = (result: BenchResult) => {
    results.push(result);
    log(`${result.name}: median ${summary(result.runs).toLocaleString('en')} ${result.unit} (runs ${result.runs.join(', ')})`);
  };
  let n = 0;
  const file = () => join(dir, `bench-${n++}.db`);

  const group: number[] = [];
  const single: number[] = [];
  for (let r = 0; r < repeats; r++) {
    group.push(await concurrentSingleAppends(file(), true, writers, perWriter));
    single.push(await concurrentSingleAppends(file(), false, writers, Math.max(5, Math.round(perWriter / 5))));
  }
  record({
    name: 'one transaction per append (32 writers, synchronous=FULL)',
    unit: 'appends/s',
    runs: single,
    detail: `${writers} writers × ${Math.max(5, Math.round(perWriter / 5))} single-event appends, group commit off`,
    peakRssMb: rssMb(),
  });
  record({
    name: 'group commit (32 writers, synchronous=FULL)',
    unit: 'appends/s',
    runs: group,
    detail: `${writers} writers × ${perWriter} single-event appends with expected revisions`,
    target: { text: '≥ 3× one transaction per append', met: summary(group) >= 3 * summary(single) },
    peakRssMb: rssMb(),
  });

  const batched: number[] = [];
  const raw: number[] = [];
  const catchUps: number[] = [];
  const verifies: number[] = [];
  for (let r = 0; r < repeats; r++) {
    raw.push(rawInserts(file(), batches));
    const events = file();
    const { eventsPerSecond, store } = await batchedAppends(events, batches);
    batched.push(eventsPerSecond);
    catchUps.push(await catchUp(store, batches * 1000));
    await store.close();
    verifies.push(await verifyRate(events));
  }
  record({
    name: 'raw better-sqlite3 inserts (baseline)',
    unit: 'events/s',
    runs: raw,
    detail: `${batches} transactions of 1000 prepared rows, same schema`,
    peakRssMb: rssMb(),
  });
  record({
    name: 'batched appends (1000 events per append)',
    unit: 'events/s',
    runs: batched,
    detail: `${batches} appends of 1000 events: validation, canonical JSON, hash chain, id and revision checks`,
    target: { text: '≥ 75% of raw inserts', met: summary(batched) >= 0.75 * summary(raw) },
    peakRssMb: rssMb(),
  });
  record({
    name: 'subscription catch-up',
    unit: 'events/s',
    runs: catchUps,
    detail: `subscribeToAll from 0 over ${batches * 1000} events`,
    peakRssMb: rssMb(),
  });
  record({
    name: 'verify',
    unit: 'events/s',
    runs: verifies,
    detail: `every hash chain and the log continuity over ${batches * 1000} events, read in log order in one range per core`,
    target: { text: '≥ 200,000 events/s', met: summary(verifies) >= 200_000 },
    peakRssMb: rssMb(),
  });
  return results;
}
