import { join } from 'node:path';
import Database from 'better-sqlite3';
import { STREAM_DOES_NOT_EXIST } from '@event-driven-io/emmett';
import { getSQLiteEventStore, readMessagesBatch, sqliteConnection } from '@event-driven-io/emmett-sqlite';
import { SqliteEventStore, type EventToAppend } from '@bangfu/eventstore';
import { rate, visitEvent } from './store-benchmarks';

const BATCHES = 200;
const PER_BATCH = 1000;
const PAGE = 5000;

/**
 * The projection both stores feed in the rebuild workload: visits counted per household in a SQLite file,
 * one upsert per event, in log order. The same code on both sides, so the difference is the store's read path.
 */
function countingView(file: string) {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE peer_visits (household_id TEXT PRIMARY KEY, visits INTEGER NOT NULL, last_at TEXT NOT NULL) WITHOUT ROWID');
  const upsert = db.prepare(
    'INSERT INTO peer_visits (household_id, visits, last_at) VALUES (?, 1, ?) ON CONFLICT(household_id) DO UPDATE SET visits = visits + 1, last_at = excluded.last_at',
  );
  const apply = db.transaction((events: { data: { householdId: string }; occurredAt: string }[]) => {
    for (const event of events) upsert.run(event.data.householdId, event.occurredAt);
  });
  return { apply, close: () => db.close() };
}

/** One batch's events, built outside the timed append so the harness holds one batch at a time. */
const batchOf = (b: number): EventToAppend[] => Array.from({ length: PER_BATCH }, (_, i) => visitEvent(b * PER_BATCH + i));

/** Times only the appends, summed over the batches. */
async function timedAppends(append: (b: number, events: EventToAppend[]) => Promise<unknown>): Promise<number> {
  let ms = 0;
  for (let b = 0; b < BATCHES; b++) {
    const events = batchOf(b);
    const started = performance.now();
    await append(b, events);
    ms += performance.now() - started;
  }
  return rate(BATCHES * PER_BATCH, ms);
}

async function bangfuRun(dir: string, run: number): Promise<{ append: number; rebuild: number }> {
  const store = new SqliteEventStore({ file: join(dir, `bangfu-${run}.db`), synchronous: 'FULL' });
  const append = await timedAppends((b, events) => store.append(`household-${b}`, events, 'no_stream'));
  const view = countingView(join(dir, `bangfu-view-${run}.db`));
  const started = performance.now();
  for (let position = 0; ;) {
    const page = await store.readAll({ fromPosition: position, maxCount: PAGE });
    if (page.length === 0) break;
    view.apply(page.map((e) => ({ data: e.data as { householdId: string }, occurredAt: e.metadata.occurredAt })));
    position = page[page.length - 1].position;
  }
  const rebuild = rate(BATCHES * PER_BATCH, performance.now() - started);
  view.close();
  await store.close();
  return { append, rebuild };
}

async function emmettRun(dir: string, run: number): Promise<{ append: number; rebuild: number }> {
  const fileName = join(dir, `emmett-${run}.db`);
  const store = getSQLiteEventStore({ fileName, schema: { autoMigration: 'CreateOrUpdate' } });
  const append = await timedAppends((b, events) =>
    store.appendToStream(
      `household-${b}`,
      events.map((event) => ({ type: event.type, data: event.data as Record<string, unknown>, metadata: { ...event.metadata } })),
      { expectedStreamVersion: STREAM_DOES_NOT_EXIST },
    ),
  );
  const view = countingView(join(dir, `emmett-view-${run}.db`));
  const connection = sqliteConnection({ fileName });
  const started = performance.now();
  let read = 0;
  for (let after = 0n; ;) {
    const batch = await readMessagesBatch(connection, { after, batchSize: PAGE });
    if (batch.messages.length === 0) break;
    view.apply(
      batch.messages.map((m) => ({
        data: m.data as unknown as { householdId: string },
        occurredAt: (m.metadata as unknown as { occurredAt: string }).occurredAt,
      })),
    );
    read += batch.messages.length;
    after = batch.messages[batch.messages.length - 1].metadata.globalPosition;
    if (!batch.areEventsLeft) break;
  }
  const rebuild = rate(read, performance.now() - started);
  if (read !== BATCHES * PER_BATCH) throw new Error(`emmett returned ${read} of ${BATCHES * PER_BATCH} events`);
  connection.close();
  view.close();
  return { append, rebuild };
}

/** The same append and rebuild workload on bangfu's SQLite store and on Emmett's, three runs each, alternating. */
export async function emmettPeerStep(dir: string) {
  const runs = { bangfuAppend: [] as number[], bangfuRebuild: [] as number[], emmettAppend: [] as number[], emmettRebuild: [] as number[] };
  for (let r = 0; r < 3; r++) {
    const ours = await bangfuRun(dir, r);
    const peer = await emmettRun(dir, r);
    runs.bangfuAppend.push(ours.append);
    runs.bangfuRebuild.push(ours.rebuild);
    runs.emmettAppend.push(peer.append);
    runs.emmettRebuild.push(peer.rebuild);
  }
  return runs;
}
