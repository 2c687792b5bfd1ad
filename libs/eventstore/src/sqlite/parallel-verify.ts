import Database from 'better-sqlite3';
import { createPublicKey } from 'node:crypto';
import { cpus } from 'node:os';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import type { SignedCheckpoint } from '../chain/checkpoint';
import { verifyChains, type ChainBreak, type VerifyReport } from '../chain/verify-chain';
import { CheckpointChecker, type VerifyOptions } from '../chain/verify-checkpoints';
import { findPositionGap, iterateStoredEvents } from './stored-events';

/** A worker's job: one range of streams' chains, or the signed checkpoints against the whole log. */
type Job =
  | { kind: 'chains'; file: string; from: string; to: string | null }
  | { kind: 'checkpoints'; file: string; checkpoints: readonly SignedCheckpoint[]; publicKeyPem?: string };

type CheckpointsResult = { break?: ChainBreak; checked: number };

/**
 * Verifies an events file with one worker thread per core, each on its own read connection: the chains by
 * ranges of streams (a stream is never split) and, beside them, the signed checkpoints against the log in
 * position order. Reports the first chain break in stream order, then the log's continuity, then the first
 * checkpoint that no longer matches. Falls back to one thread where workers cannot load this module (under
 * ts-jest).
 */
export async function verifyEventsFile(file: string, options: VerifyOptions = {}, threads = cpus().length): Promise<VerifyReport> {
  const db = new Database(file, { readonly: true });
  try {
    const checkpointsJob: Job = {
      kind: 'checkpoints',
      file,
      checkpoints: options.checkpoints ?? [],
      publicKeyPem: options.publicKey?.export({ type: 'spki', format: 'pem' }).toString(),
    };
    if (threads < 2 || !__filename.endsWith('.js')) {
      const report = verifyChains(iterateStoredEvents(db));
      return report.ok ? withLogChecks(db, report, runJob(checkpointsJob) as CheckpointsResult) : report;
    }
    const ranges = partition(db, file, threads);
    const [checkpoints, ...reports] = (await Promise.all([checkpointsJob, ...ranges].map((job) => runWorker(job)))) as [
      CheckpointsResult,
      ...VerifyReport[],
    ];
    const events = reports.reduce((sum, r) => sum + r.events, 0);
    const streams = reports.reduce((sum, r) => sum + r.streams, 0);
    const broken = reports.find((r) => !r.ok);
    if (broken && !broken.ok) return { ok: false, events, streams, break: broken.break };
    return withLogChecks(db, { ok: true, events, streams }, checkpoints);
  } finally {
    db.close();
  }
}

/** Once every chain holds: no position may be missing, and every checkpoint must match. */
function withLogChecks(db: Database.Database, report: VerifyReport & { ok: true }, checkpoints: CheckpointsResult): VerifyReport {
  const broken = findPositionGap(db) ?? checkpoints.break;
  const counted = { ...report, checkpoints: checkpoints.checked };
  return broken ? { ...counted, ok: false, break: broken } : counted;
}

/** Every signed checkpoint against the leaves of the log, read in position order (hashes only). */
function checkCheckpoints(db: Database.Database, job: Extract<Job, { kind: 'checkpoints' }>): CheckpointsResult {
  const checker = new CheckpointChecker({
    checkpoints: job.checkpoints,
    publicKey: job.publicKeyPem ? createPublicKey(job.publicKeyPem) : undefined,
  });
  const signatures = checker.signatures();
  if (signatures) return { break: signatures, checked: 0 };
  if (job.checkpoints.length > 0) {
    const rows = db.prepare('SELECT hash, position FROM events ORDER BY position').raw().iterate() as IterableIterator<[string, number]>;
    for (const [hash, position] of rows) {
      const broken = checker.accept(hash, position);
      if (broken) return { break: broken, checked: checker.checked };
    }
  }
  return { break: checker.finish(), checked: checker.checked };
}

function partition(db: Database.Database, file: string, threads: number): Job[] {
  const { count } = db.prepare('SELECT COUNT(*) AS count FROM events').get() as { count: number };
  const boundaries = new Set<string>();
  for (let k = 1; k < threads; k++) {
    const row = db
      .prepare('SELECT stream_id FROM events ORDER BY stream_id, revision LIMIT 1 OFFSET ?')
      .get(Math.floor((k * count) / threads)) as { stream_id: string } | undefined;
    if (row) boundaries.add(row.stream_id);
  }
  const cuts = ['', ...[...boundaries].sort()];
  return cuts.map((from, i) => ({ kind: 'chains', file, from, to: cuts[i + 1] ?? null }));
}

function runJob(job: Job): VerifyReport | CheckpointsResult {
  const db = new Database(job.file, { readonly: true });
  try {
    return job.kind === 'chains' ? verifyChains(iterateStoredEvents(db, job)) : checkCheckpoints(db, job);
  } finally {
    db.close();
  }
}

function runWorker(job: Job): Promise<VerifyReport | CheckpointsResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(__filename, { workerData: job });
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => code !== 0 && reject(new Error(`verify worker exited with ${code}`)));
  });
}

if (!isMainThread && parentPort && (workerData as Job | undefined)?.file) {
  parentPort.postMessage(runJob(workerData as Job));
}
