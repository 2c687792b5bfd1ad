import Database from 'better-sqlite3';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { DuplicateEventIdError, InvalidAppendError, WrongExpectedRevisionError } from '../errors';
import type { AppendResult } from '../event-store.port';
import { EventsWriter, type EncodedAppend, type Outcome } from './events-writer';
import { configureConnection, type SynchronousMode } from './sqlite-schema';

/** Whether this build can start the commit thread: a worker thread loads compiled JavaScript, not TypeScript. */
export const commitThreadAvailable = __filename.endsWith('.js');

interface CommitRequest {
  id: number;
  batch: EncodedAppend[];
  recordedAt: string;
}

/** An error as it crosses threads: its class by name, its message and its own fields (code, streamId …). */
interface WireError {
  name: string;
  message: string;
  fields: Record<string, unknown>;
}

type WireOutcome = { ok: true; result: AppendResult } | { ok: false; error: WireError };
type CommitReply = { id: number; outcomes: WireOutcome[] } | { id: number; failure: WireError };

const REFUSALS: Record<string, new (...args: never[]) => Error> = { WrongExpectedRevisionError, DuplicateEventIdError, InvalidAppendError };

/**
 * The events file's writer on a thread of its own: a group of appends is checked, hash-chained and committed there,
 * fsync included, while the API's thread goes on serving; appends that arrive meanwhile form the next group. Every
 * append is still answered only after its commit is durable, exactly as on the store's own connection.
 */
export class CommitThread {
  private readonly worker: Worker;
  private nextId = 0;
  private readonly waiting = new Map<number, { resolve(outcomes: Outcome[]): void; reject(error: Error): void }>();

  constructor(file: string, synchronous: SynchronousMode) {
    this.worker = new Worker(__filename, { workerData: { commitThreadFor: { file, synchronous } } });
    // Idle, the thread does not keep the process alive; a commit in flight does (see commit()).
    this.worker.unref();
    this.worker.on('message', (reply: CommitReply) => {
      const waiter = this.waiting.get(reply.id);
      this.waiting.delete(reply.id);
      if (this.waiting.size === 0) this.worker.unref();
      if (!waiter) return;
      if ('failure' in reply) return waiter.reject(fromWire(reply.failure));
      waiter.resolve(reply.outcomes.map((o) => (o.ok ? o : { ok: false, error: fromWire(o.error) })));
    });
    const failAll = (error: Error) => {
      for (const waiter of this.waiting.values()) waiter.reject(error);
      this.waiting.clear();
    };
    this.worker.on('error', failAll);
    this.worker.on('exit', (code) => failAll(new Error(`the commit thread exited (${code})`)));
  }

  commit(batch: EncodedAppend[], recordedAt: string): Promise<Outcome[]> {
    const id = this.nextId++;
    this.worker.ref();
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker.postMessage({ id, batch, recordedAt } satisfies CommitRequest);
    });
  }

  async close(): Promise<void> {
    const exited = new Promise((resolve) => this.worker.once('exit', resolve));
    this.worker.ref();
    this.worker.postMessage('close');
    await exited;
  }
}

function toWire(error: unknown): WireError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error), fields: {} };
  return { name: error.name, message: error.message, fields: { ...error } };
}

function fromWire(wire: WireError): Error {
  const Refusal = REFUSALS[wire.name];
  const error: Error = Refusal ? Object.create(Refusal.prototype) : new Error(wire.message);
  return Object.assign(error, { message: wire.message, name: wire.name }, wire.fields);
}

// Loaded as the commit thread: its own connection to the file, the same writer as the store's.
if (!isMainThread && parentPort && (workerData as { commitThreadFor?: unknown } | undefined)?.commitThreadFor) {
  const port = parentPort;
  const { file, synchronous } = (workerData as { commitThreadFor: { file: string; synchronous: SynchronousMode } }).commitThreadFor;
  const db = new Database(file);
  configureConnection(db, synchronous);
  const writer = new EventsWriter(db);
  port.on('message', (request: CommitRequest | 'close') => {
    if (request === 'close') {
      db.close();
      port.close();
      return;
    }
    try {
      const outcomes = writer.commitGroup(request.batch, request.recordedAt);
      port.postMessage({
        id: request.id,
        outcomes: outcomes.map((o): WireOutcome => (o.ok ? o : { ok: false, error: toWire(o.error) })),
      } satisfies CommitReply);
    } catch (error) {
      port.postMessage({ id: request.id, failure: toWire(error) } satisfies CommitReply);
    }
  });
}
