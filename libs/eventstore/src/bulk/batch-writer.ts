import { MessageChannel, Worker, isMainThread, parentPort, receiveMessageOnPort, workerData, type MessagePort } from 'node:worker_threads';
import { SqliteEventStore, type BatchedAppend, type SqliteEventStoreOptions } from '../sqlite/sqlite-event-store';

/** What a worker needs to open the file (a clock or other functions cannot cross to a thread). */
export type WriterFile = Pick<SqliteEventStoreOptions, 'file' | 'synchronous'>;

/** Where a bulk loader's batches go: written in this thread, or handed to a thread of their own. */
export interface BatchWriter {
  write(batch: BatchedAppend[]): void;
  /** Returns once every batch handed over so far is committed; throws the first failure. */
  drain(): void;
  close(): Promise<void>;
}

/** Writes each batch at once, in this thread. */
export function inlineBatchWriter(store: SqliteEventStore): BatchWriter {
  return {
    write: (batch) => void store.appendBatch(batch),
    drain: () => undefined,
    close: async () => undefined,
  };
}

/**
 * Writes batches on a worker thread with its own connection to the file: canonical JSON, the hash chain and
 * the inserts (a third of a simulation's time) run on the second core while the commands are decided on the
 * first. At most two batches are in flight, so memory stays bounded when the writer is the slower side.
 * Falls back to `inline` where workers cannot load this module (e.g. under ts-jest).
 */
export function backgroundBatchWriter(options: WriterFile, inline: SqliteEventStore): BatchWriter {
  return __filename.endsWith('.js') ? new WorkerBatchWriter(options) : inlineBatchWriter(inline);
}

const IN_FLIGHT = 2;
/** Shared counters: how many batches the worker has finished, and whether one failed. */
const DONE = 0;
const FAILED = 1;

interface WorkerSetup {
  bulkWriter: WriterFile;
  counters: SharedArrayBuffer;
  errors: MessagePort;
}

class WorkerBatchWriter implements BatchWriter {
  private readonly counters = new Int32Array(new SharedArrayBuffer(8));
  private readonly errors = new MessageChannel();
  private readonly worker: Worker;
  private posted = 0;
  /** The worker's first failure, once read from its port (every later call throws it again). */
  private failure?: string;

  constructor(options: WriterFile) {
    const setup: WorkerSetup = { bulkWriter: options, counters: this.counters.buffer as SharedArrayBuffer, errors: this.errors.port2 };
    this.worker = new Worker(__filename, { workerData: setup, transferList: [this.errors.port2] });
  }

  write(batch: BatchedAppend[]): void {
    this.waitUntilDone(this.posted - IN_FLIGHT + 1);
    this.worker.postMessage(batch);
    this.posted++;
  }

  drain(): void {
    this.waitUntilDone(this.posted);
  }

  async close(): Promise<void> {
    try {
      this.drain();
    } finally {
      const exited = new Promise((resolve) => this.worker.once('exit', resolve));
      this.worker.postMessage('close');
      await exited;
    }
  }

  /** Blocks this thread (the worker never waits on it) until `count` batches are committed. */
  private waitUntilDone(count: number): void {
    for (;;) {
      if (Atomics.load(this.counters, FAILED)) {
        this.failure ??= (receiveMessageOnPort(this.errors.port1)?.message as string | undefined) ?? 'unknown error';
        throw new Error(`the bulk writer failed: ${this.failure}`);
      }
      const done = Atomics.load(this.counters, DONE);
      if (done >= count) return;
      Atomics.wait(this.counters, DONE, done);
    }
  }
}

if (!isMainThread && (workerData as WorkerSetup | undefined)?.bulkWriter) {
  const { bulkWriter, counters: buffer, errors } = workerData as WorkerSetup;
  const counters = new Int32Array(buffer);
  // Every failure is reported through the counters: the main thread blocks on them and sees no events.
  const fail = (error: unknown) => {
    errors.postMessage(error instanceof Error ? error.message : String(error));
    Atomics.store(counters, FAILED, 1);
    Atomics.notify(counters, DONE);
  };
  let store: SqliteEventStore | undefined;
  try {
    store = new SqliteEventStore(bulkWriter);
  } catch (error) {
    fail(error);
  }
  parentPort!.on('message', (message: BatchedAppend[] | 'close') => {
    if (message === 'close') {
      void (store?.close() ?? Promise.resolve()).then(() => parentPort!.close());
      return;
    }
    try {
      if (store && !Atomics.load(counters, FAILED)) store.appendBatch(message);
    } catch (error) {
      fail(error);
    }
    Atomics.add(counters, DONE, 1);
    Atomics.notify(counters, DONE);
  });
}
