import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createEventStoreSchema, EsdbEventStore, SqliteEventStore, type EventStore } from '@bangfu/eventstore';
import { ReadStore, rebuildProjections } from '@bangfu/projections';
import { allProjections, SCAN_CACHE_MB } from '@bangfu/application';
import type { EsdbStandIn } from '../../../../libs/testing/src/esdb-stand-in/esdb-stand-in';
import { rate } from './store-benchmarks';

/** How much of the province log a fresh node catches up on in this row: the stand-in keeps its log in memory. */
export const CATCH_UP_EVENTS = 100_000;

/**
 * The EventStoreDB stand-in (libs/testing), compiled beside the CLI for the benchmark only: no server can run
 * on this machine, and the adapter is measured over the same gRPC protocol a real node speaks.
 */
function loadStandIn(): typeof EsdbStandIn {
  const compiled = join(__dirname, '..', '..', '..', '..', 'libs', 'testing', 'src', 'esdb-stand-in', 'esdb-stand-in');
  return (createRequire(__filename)(compiled) as { EsdbStandIn: typeof EsdbStandIn }).EsdbStandIn;
}

/**
 * Runs in a process of its own: a stand-in seeded with the first CATCH_UP_EVENTS events of the province log exactly
 * as the EventStoreDB adapter stores them (the chain hash kept in the metadata), listening until told to stop.
 */
export async function serveEsdbStep(dir: string): Promise<void> {
  const standIn = await loadStandIn().start();
  const db = new Database(join(dir, 'events.db'), { readonly: true });
  const rows = db
    .prepare('SELECT stream_id, id, type, data, metadata, hash FROM events WHERE position <= ? ORDER BY position')
    .iterate(CATCH_UP_EVENTS) as IterableIterator<{
    stream_id: string;
    id: string;
    type: string;
    data: string;
    metadata: string;
    hash: string;
  }>;
  for (const row of rows) {
    const customMetadata = Buffer.from(`${row.metadata.slice(0, -1)},"hash":"${row.hash}"}`, 'utf8');
    const written = standIn.log.append(row.stream_id, { kind: 'any' }, [
      { id: row.id, type: row.type, contentType: 'application/json', data: Buffer.from(row.data, 'utf8'), customMetadata },
    ]);
    if (!written.ok) throw new Error(`the stand-in refused event ${row.id}`);
  }
  db.close();
  console.log(`BENCH_SERVER ${/:(\d+)\?/.exec(standIn.connectionString)![1]}`);
  await new Promise<void>((resolve) => process.once('message', () => resolve()));
  await standIn.stop();
  console.log(`BENCH_RESULT ${JSON.stringify({ peakRssMb: 0 })}`);
  process.disconnect?.();
}

/** Every view built from the first CATCH_UP_EVENTS events of a store into a fresh file: a new node's catch-up. */
async function catchUp(store: EventStore, viewsFile: string): Promise<number> {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${viewsFile}${suffix}`, { force: true });
  const views = new ReadStore(viewsFile);
  try {
    const started = performance.now();
    await rebuildProjections(store, views, allProjections);
    return rate(CATCH_UP_EVENTS, performance.now() - started);
  } finally {
    views.close();
  }
}

/** A SQLite file holding the first CATCH_UP_EVENTS events of the province log, for the same catch-up on SQLite. */
function sqliteCopy(dir: string): string {
  const file = join(dir, 'catch-up.db');
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
  const db = new Database(file);
  createEventStoreSchema(db);
  db.exec(`ATTACH DATABASE '${join(dir, 'events.db')}' AS province`);
  db.prepare('INSERT INTO events SELECT * FROM province.events WHERE position <= ? ORDER BY position').run(CATCH_UP_EVENTS);
  db.prepare("INSERT OR REPLACE INTO sqlite_sequence (name, seq) VALUES ('events', ?)").run(CATCH_UP_EVENTS);
  db.exec('DETACH DATABASE province');
  db.close();
  return file;
}

/** A fresh node's catch-up on the same events, from the EventStoreDB adapter over gRPC and from a SQLite file. */
export async function catchUpStep(dir: string, esdbPort: number, runs: number): Promise<{ esdb: number[]; sqlite: number[] }> {
  const esdb: number[] = [];
  const sqlite: number[] = [];
  const copy = sqliteCopy(dir);
  for (let r = 0; r < runs; r++) {
    const remote = new EsdbEventStore({ connectionString: `esdb://127.0.0.1:${esdbPort}?tls=false` });
    try {
      esdb.push(await catchUp(remote, join(dir, 'catch-up-esdb-views.db')));
    } finally {
      await remote.close();
    }
    const local = new SqliteEventStore({ file: copy, cacheMb: SCAN_CACHE_MB });
    try {
      sqlite.push(await catchUp(local, join(dir, 'catch-up-sqlite-views.db')));
    } finally {
      await local.close();
    }
  }
  return { esdb, sqlite };
}
