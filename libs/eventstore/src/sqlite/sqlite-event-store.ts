import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { canonicalJson } from '../chain/canonical-json';
import { StateCache } from '../command/state-cache';
import type { VerifyReport } from '../chain/verify-chain';
import type { VerifyOptions } from '../chain/verify-checkpoints';
import { InvalidAppendError } from '../errors';
import type {
  AllFilter,
  AllSubscription,
  AppendResult,
  EventStore,
  EventToAppend,
  ExpectedRevision,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeOptions,
} from '../event-store.port';
import { pollingSubscription } from '../subscription/polling-subscription';
import { validateAppend } from '../append-rules';
import { verifyEventsFile } from './parallel-verify';
import { CommitThread, commitThreadAvailable } from './commit-thread';
import { EventsWriter, type EncodedAppend, type Outcome } from './events-writer';
import { configureConnection, createEventStoreSchema, type SynchronousMode } from './sqlite-schema';

export interface SqliteEventStoreOptions {
  /** Path of the events database file (`$BANGFU_DATA_DIR/events.db`), or ':memory:'. */
  file: string;
  /** FULL (default) fsyncs the WAL on every commit: an acknowledged append survives power loss. */
  synchronous?: SynchronousMode;
  /** Group concurrent appends into one transaction (default). Off: one transaction per append. */
  groupCommit?: boolean;
  /** Stamps recordedAt. Injectable so simulations on a virtual clock record virtual time. */
  now?: () => Date;
  /** How often live subscriptions look for events appended by another process. */
  pollIntervalMs?: number;
  /**
   * Commit appends on a thread of their own (where the build can start one), so that a group's checks, hashing and
   * fsync never hold up this thread; appends arriving meanwhile form the next group. Group commit only.
   */
  commitThread?: boolean;
  /**
   * The connection's page cache in MB (64 by default, for the streams commands read again and again). A rebuild
   * reads the log once in order, where the operating system's file cache serves as well: it passes a few MB and
   * leaves the memory to the views being written.
   */
  cacheMb?: number;
}

interface PendingAppend extends EncodedAppend {
  resolve(result: AppendResult): void;
  reject(error: unknown): void;
}

/** One append of a batch, stamped with its own record time (a bulk writer's virtual clock). */
export interface BatchedAppend {
  streamId: string;
  events: EventToAppend[];
  expectedRevision: ExpectedRevision;
  recordedAt: string;
}

/** A row as an array in COLUMNS order: cheaper to materialise than an object with named properties. */
type EventRow = [
  position: number,
  id: string,
  streamId: string,
  revision: number,
  type: string,
  data: string,
  metadata: string,
  hash: string,
];

const COLUMNS = 'position, id, stream_id, revision, type, data, metadata, hash';

export class SqliteEventStore implements EventStore {
  /** Folded states between commands: each command reads only the events after its stream's kept state. */
  readonly stateCache = new StateCache();
  private readonly db: Database.Database;
  private readonly file: string;
  private readonly now: () => Date;
  private readonly groupCommit: boolean;
  private readonly pollIntervalMs: number;
  private queue: PendingAppend[] = [];
  private flushScheduled = false;
  private readonly appendListeners = new Set<() => void>();
  private readonly readAllStatements = new Map<string, Database.Statement>();
  private closed = false;

  private readonly writer: EventsWriter;
  private readonly synchronous: SynchronousMode;
  private readonly useCommitThread: boolean;
  private commitThread?: CommitThread;
  /** The group being committed on the commit thread; the queue fills meanwhile. */
  private inFlight?: Promise<void>;

  constructor(options: SqliteEventStoreOptions) {
    if (options.file !== ':memory:') mkdirSync(dirname(options.file), { recursive: true });
    this.file = options.file;
    this.db = new Database(options.file);
    this.synchronous = options.synchronous ?? 'FULL';
    configureConnection(this.db, this.synchronous, options.cacheMb);
    createEventStoreSchema(this.db);
    this.now = options.now ?? (() => new Date());
    this.groupCommit = options.groupCommit ?? true;
    this.pollIntervalMs = options.pollIntervalMs ?? 250;
    this.useCommitThread = (options.commitThread ?? false) && this.groupCommit && commitThreadAvailable && options.file !== ':memory:';

    this.writer = new EventsWriter(this.db);
  }

  append(streamId: string, events: EventToAppend[], expectedRevision: ExpectedRevision): Promise<AppendResult> {
    if (this.closed) return Promise.reject(new Error('event store is closed'));
    let data: Buffer[];
    try {
      data = encodeAppend(streamId, events, expectedRevision);
    } catch (error) {
      return Promise.reject(error);
    }
    return new Promise<AppendResult>((resolve, reject) => {
      this.queue.push({ streamId, events, data, expected: expectedRevision, resolve, reject });
      if (!this.groupCommit) return this.flush();
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        // Every append issued in this turn of the event loop joins the same transaction and fsync.
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.flushScheduled = false;
    if (this.useCommitThread) return void this.flushToThread();
    const batch = this.queue;
    this.queue = [];
    if (batch.length === 0) return;
    let outcomes: Outcome[];
    try {
      outcomes = this.writer.commitGroup(batch, this.now().toISOString());
    } catch (error) {
      for (const pending of batch) pending.reject(error);
      return;
    }
    this.settle(batch, outcomes);
  }

  private settle(batch: PendingAppend[], outcomes: Outcome[]): void {
    outcomes.forEach((outcome, i) => (outcome.ok ? batch[i].resolve(outcome.result) : batch[i].reject(outcome.error)));
    if (outcomes.some((outcome) => outcome.ok)) for (const listener of [...this.appendListeners]) listener();
  }

  /** One group at a time to the commit thread; what queues while it commits goes next, as one group. */
  private flushToThread(): Promise<void> {
    if (this.inFlight || this.queue.length === 0) return this.inFlight ?? Promise.resolve();
    const batch = this.queue;
    this.queue = [];
    this.commitThread ??= new CommitThread(this.file, this.synchronous);
    const appends = batch.map(({ streamId, events, data, expected }) => ({ streamId, events, data, expected }));
    this.inFlight = this.commitThread.commit(appends, this.now().toISOString()).then(
      (outcomes) => this.settle(batch, outcomes),
      (error: unknown) => {
        for (const pending of batch) pending.reject(error);
      },
    );
    return this.inFlight.finally(() => {
      this.inFlight = undefined;
      if (this.queue.length > 0) void this.flushToThread();
    });
  }

  /**
   * Many appends in one transaction and one fsync, each checked exactly as a single append is (expected
   * revision, ids, hash chain); the first refusal rolls the whole batch back. For bulk writers that decide in
   * memory and write thousands of commands at a time.
   */
  appendBatch(appends: BatchedAppend[]): AppendResult[] {
    if (this.closed) throw new Error('event store is closed');
    const encoded = appends.map(({ streamId, events, expectedRevision, recordedAt }) => ({
      streamId,
      events,
      expected: expectedRevision,
      recordedAt,
      data: encodeAppend(streamId, events, expectedRevision),
    }));
    const results = this.writer.commitBatch(encoded);
    if (results.length > 0) for (const listener of [...this.appendListeners]) listener();
    return results;
  }

  /** The stream's last revision, undefined when it has no events. */
  streamRevision(streamId: string): number | undefined {
    return this.writer.streamRevision(streamId);
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    return this.readStreamSync(streamId, options);
  }

  private readStreamSync(streamId: string, options: ReadStreamOptions = {}): RecordedEvent[] {
    const backwards = options.direction === 'backwards';
    const from = options.fromRevision ?? (backwards ? Number.MAX_SAFE_INTEGER : 0);
    const sql = backwards ? READ_BACKWARDS : READ_FORWARDS;
    // A bound LIMIT costs SQLite ~8 µs a statement here (1.6 without): a command's fact reads name none.
    const rows =
      options.maxCount === undefined
        ? this.cachedStatement(sql).all(streamId, from)
        : this.cachedStatement(`${sql} LIMIT ?`).all(streamId, from, options.maxCount);
    return (rows as EventRow[]).map(toRecordedEvent);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    return this.readAllSync(options);
  }

  private readAllSync(options: ReadAllOptions = {}): RecordedEvent[] {
    const { sql, params } = readAllQuery(options.filter);
    const rows = this.cachedStatement(sql).all(options.fromPosition ?? 0, ...params, options.maxCount ?? -1) as EventRow[];
    return rows.map(toRecordedEvent);
  }

  subscribeToAll(options: SubscribeOptions = {}): AllSubscription {
    return pollingSubscription({
      fromPosition: options.fromPosition ?? 0,
      readPage: (fromPosition, maxCount) => {
        if (!options.filter) return { events: this.readAllSync({ fromPosition, maxCount }) };
        // Read the head first: if the filtered page is short, nothing else matches up to that head,
        // so the next page may start there instead of re-scanning events the filter rejected.
        const head = this.headPositionSync();
        const events = this.readAllSync({ fromPosition, filter: options.filter, maxCount });
        return { events, scannedTo: events.length < maxCount ? Math.max(head, fromPosition) : undefined };
      },
      onAppend: (listener) => this.onAppended(listener),
      pollIntervalMs: this.pollIntervalMs,
    });
  }

  onAppended(listener: () => void): () => void {
    this.appendListeners.add(listener);
    return () => this.appendListeners.delete(listener);
  }

  appendedElsewhere(): void {
    for (const listener of [...this.appendListeners]) listener();
  }

  async headPosition(): Promise<number> {
    return this.headPositionSync();
  }

  async eventAt(position: number): Promise<RecordedEvent | undefined> {
    const row = this.cachedStatement(`SELECT ${COLUMNS} FROM events WHERE position = ?`).get(position) as EventRow | undefined;
    return row && toRecordedEvent(row);
  }

  private headPositionSync(): number {
    const row = this.cachedStatement('SELECT MAX(position) AS head FROM events').get() as { head: number | null };
    return row.head ?? 0;
  }

  /**
   * Hash chains of every stream, then the gapless global positions (which catch a removed last event), then
   * the signed checkpoints — on worker threads with their own connections, so a long verify does not block
   * the caller.
   */
  async verify(options: VerifyOptions = {}): Promise<VerifyReport> {
    if (this.file === ':memory:') throw new Error('verify reads the events file: an in-memory store has none');
    return verifyEventsFile(this.file, options);
  }

  /** For tools and tests that inspect the file directly (verify, bench). */
  get database(): Database.Database {
    return this.db;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.useCommitThread) {
      // Every append accepted before close is committed and answered first.
      while (this.inFlight || this.queue.length > 0) await (this.inFlight ?? this.flushToThread());
      await this.commitThread?.close();
    } else this.flush();
    for (const listener of [...this.appendListeners]) listener();
    this.appendListeners.clear();
    this.db.close();
  }

  private cachedStatement(sql: string): Database.Statement {
    let statement = this.readAllStatements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      if (sql.startsWith(`SELECT ${COLUMNS} `)) statement.raw();
      this.readAllStatements.set(sql, statement);
    }
    return statement;
  }
}

/** The checks every adapter makes, then each event's data as canonical JSON bytes (hashed and stored alike). */
function encodeAppend(streamId: string, events: EventToAppend[], expected: ExpectedRevision): Buffer[] {
  try {
    validateAppend(streamId, events, expected);
    return events.map((event) => Buffer.from(canonicalJson(event.data)));
  } catch (error) {
    throw error instanceof InvalidAppendError ? error : new InvalidAppendError(String(error));
  }
}

const READ_FORWARDS = `SELECT ${COLUMNS} FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision ASC`;
const READ_BACKWARDS = `SELECT ${COLUMNS} FROM events WHERE stream_id = ? AND revision <= ? ORDER BY revision DESC`;

function readAllQuery(filter: AllFilter | undefined): { sql: string; params: string[] } {
  const clauses = ['position > ?'];
  const params: string[] = [];
  if (filter?.categories?.length) {
    clauses.push(`category IN (${filter.categories.map(() => '?').join(',')})`);
    params.push(...filter.categories);
  }
  if (filter?.eventTypes?.length) {
    clauses.push(`type IN (${filter.eventTypes.map(() => '?').join(',')})`);
    params.push(...filter.eventTypes);
  }
  if (filter?.regionPrefix !== undefined) {
    // A range, never LIKE: a prefix is matched literally, whatever characters it holds.
    clauses.push('region >= ? AND region < ?');
    params.push(filter.regionPrefix, `${filter.regionPrefix}\uffff`);
  }
  return { sql: `SELECT ${COLUMNS} FROM events WHERE ${clauses.join(' AND ')} ORDER BY position LIMIT ?`, params };
}

function toRecordedEvent([position, id, streamId, revision, type, data, metadataText, hash]: EventRow): RecordedEvent {
  const metadata = JSON.parse(metadataText);
  metadata.hash = hash;
  return { id, type, streamId, revision, position, data: JSON.parse(data), metadata };
}
