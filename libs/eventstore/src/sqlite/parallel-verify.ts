import Database from 'better-sqlite3';
import { createPublicKey } from 'node:crypto';
import { cpus } from 'node:os';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import type { SignedCheckpoint } from '../chain/checkpoint';
import {
  ChainVerifier,
  packRange,
  stitchRanges,
  verifyChains,
  type ChainBreak,
  type VerifiedRange,
  type VerifyReport,
} from '../chain/verify-chain';
import { CheckpointChecker, type VerifyOptions } from '../chain/verify-checkpoints';
import { findPositionGap, iterateStoredEvents } from './stored-events';

/** A worker's job: one range of the log's positions, or the signed checkpoints against the whole log. */
type Job =
  | { kind: 'chains'; file: string; from: number; to: number }
  | { kind: 'checkpoints'; file: string; checkpoints: readonly SignedCheckpoint[]; publicKeyPem?: string };

type CheckpointsResult = { break?: ChainBreak; checked: number };
type ChainsResult = { report: VerifyReport } & VerifiedRange;

/**
 * Verifies an events file with one worker thread per core, each on its own read connection: the chains over
 * consecutive ranges of the log, each read sequentially in log order (a stream's first event in a range is held to
 * the hash it names, and the ranges are stitched together afterwards), and beside them the signed checkpoints
 * against the log in position order. Reports the first chain break in log order, then the log's continuity, then
 * the first checkpoint that no longer matches. Falls back to one thread where workers cannot load this module
 * (under ts-jest).
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
    const [checkpoints, ...results] = (await Promise.all([checkpointsJob, ...ranges].map((job) => runWorker(job)))) as [
      CheckpointsResult,
      ...ChainsResult[],
    ];
    const events = results.reduce((sum, r) => sum + r.report.events, 0);
    const stitched = stitchRanges(results);
    // The first break in log order: a range's own, or where it fails to follow the ranges before it.
    const broken = [stitched.break, ...results.map((r) => (r.report.ok ? undefined : r.report.break))]
      .filter((b): b is ChainBreak => b !== undefined)
      .sort((a, b) => a.position - b.position)[0];
    if (broken) return { ok: false, events, streams: stitched.streams, break: broken };
    return withLogChecks(db, { ok: true, events, streams: stitched.streams }, checkpoints);
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

/** Equal ranges of positions, the last one open-ended: a missing position is found by `findPositionGap`. */
function partition(db: Database.Database, file: string, threads: number): Job[] {
  const { max } = db.prepare('SELECT COALESCE(MAX(position), 0) AS max FROM events').get() as { max: number };
  const size = Math.ceil(max / threads);
  return Array.from({ length: threads }, (_, k) => ({
    kind: 'chains' as const,
    file,
    from: k === 0 ? 0 : k * size + 1,
    to: k === threads - 1 ? Number.MAX_SAFE_INTEGER : (k + 1) * size,
  }));
}

/** One range's chains: its report, and where each stream stood at its end and entered it (for the stitch). */
export function verifyRange(db: Database.Database, { from, to }: { from: number; to: number }): ChainsResult {
  const verifier = new ChainVerifier({ midLog: from > 0 });
  let broken: ChainBreak | undefined;
  for (const event of iterateStoredEvents(db, { from, to })) if ((broken = verifier.accept(event))) break;
  return { report: verifier.report(broken), ...packRange(verifier) };
}

function runJob(job: Job): ChainsResult | CheckpointsResult {
  const db = new Database(job.file, { readonly: true });
  try {
    return job.kind === 'chains' ? verifyRange(db, job) : checkCheckpoints(db, job);
  } finally {
    db.close();
  }
}

function runWorker(job: Job): Promise<ChainsResult | CheckpointsResult> {
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
