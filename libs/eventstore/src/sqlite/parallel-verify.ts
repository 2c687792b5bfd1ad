import Database from 'better-sqlite3';
import { cpus } from 'node:os';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { verifyChains, type VerifyReport } from '../chain/verify-chain';
import { findPositionGap, iterateStoredEvents } from './stored-events';

interface Range {
  file: string;
  from: string;
  to: string | null;
}

/**
 * Verifies an events file with one worker thread per core, each on its own read connection and its own
 * range of streams (a stream is never split). Reports the first break in stream order, then checks the
 * log's continuity. Falls back to one thread where workers cannot load this module (e.g. under ts-jest).
 */
export async function verifyEventsFile(file: string, threads = cpus().length): Promise<VerifyReport> {
  const db = new Database(file, { readonly: true });
  try {
    if (threads < 2 || !__filename.endsWith('.js')) {
      const report = verifyChains(iterateStoredEvents(db));
      return report.ok ? withGapCheck(db, report) : report;
    }
    const ranges = partition(db, file, threads);
    const reports = await Promise.all(ranges.map((range) => runWorker(range)));
    const events = reports.reduce((sum, r) => sum + r.events, 0);
    const streams = reports.reduce((sum, r) => sum + r.streams, 0);
    const broken = reports.find((r) => !r.ok);
    if (broken && !broken.ok) return { ok: false, events, streams, break: broken.break };
    return withGapCheck(db, { ok: true, events, streams });
  } finally {
    db.close();
  }
}

function withGapCheck(db: Database.Database, report: VerifyReport & { ok: true }): VerifyReport {
  const gap = findPositionGap(db);
  return gap ? { ok: false, events: report.events, streams: report.streams, break: gap } : report;
}

function partition(db: Database.Database, file: string, threads: number): Range[] {
  const { count } = db.prepare('SELECT COUNT(*) AS count FROM events').get() as { count: number };
  const boundaries = new Set<string>();
  for (let k = 1; k < threads; k++) {
    const row = db
      .prepare('SELECT stream_id FROM events ORDER BY stream_id, revision LIMIT 1 OFFSET ?')
      .get(Math.floor((k * count) / threads)) as { stream_id: string } | undefined;
    if (row) boundaries.add(row.stream_id);
  }
  const cuts = ['', ...[...boundaries].sort()];
  return cuts.map((from, i) => ({ file, from, to: cuts[i + 1] ?? null }));
}

function runWorker(range: Range): Promise<VerifyReport> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(__filename, { workerData: range });
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => code !== 0 && reject(new Error(`verify worker exited with ${code}`)));
  });
}

if (!isMainThread && parentPort && (workerData as Range | undefined)?.file) {
  const range = workerData as Range;
  const db = new Database(range.file, { readonly: true });
  parentPort.postMessage(verifyChains(iterateStoredEvents(db, range)));
  db.close();
}
