import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { canonicalJson } from '../chain/canonical-json';
import { MetadataEncoder } from '../chain/metadata-encoder';
import { GENESIS_HASH, eventHash } from '../chain/hash-chain';
import type { VerifyReport } from '../chain/verify-chain';
import type { VerifyOptions } from '../chain/verify-checkpoints';
import { DuplicateEventIdError, InvalidAppendError, WrongExpectedRevisionError } from '../errors';
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
import { categoryOf } from '../event-store.port';
import { pollingSubscription } from '../subscription/polling-subscription';
import { checkExpectedRevision, validateAppend } from '../append-rules';
import { verifyEventsFile } from './parallel-verify';
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
}

/** An append checked and encoded, ready for a transaction. */
interface EncodedAppend {
  streamId: string;
  events: EventToAppend[];
  data: Buffer[];
  expected: ExpectedRevision;
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

type Outcome = { ok: true; result: AppendResult } | { ok: false; error: Error };

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

  private readonly insertEvent: Database.Statement;
  private readonly selectById: Database.Statement;
  private readonly selectStreamHead: Database.Statement;
  private readonly groupTransaction: Database.Transaction<(batch: PendingAppend[], recordedAt: string) => Outcome[]>;
  private readonly appendTransaction: (pending: EncodedAppend, recordedAt: string) => AppendResult;
  private readonly batchTransaction: Database.Transaction<(batch: (EncodedAppend & { recordedAt: string })[]) => AppendResult[]>;

  constructor(options: SqliteEventStoreOptions) {
    if (options.file !== ':memory:') mkdirSync(dirname(options.file), { recursive: true });
    this.file = options.file;
    this.db = new Database(options.file);
    configureConnection(this.db, options.synchronous ?? 'FULL');
    createEventStoreSchema(this.db);
    this.now = options.now ?? (() => new Date());
    this.groupCommit = options.groupCommit ?? true;
    this.pollIntervalMs = options.pollIntervalMs ?? 250;

    this.insertEvent = this.db.prepare(
      // Bound as UTF-8 bytes (encoded once, for the hash and the row alike) and stored as TEXT.
      'INSERT INTO events (id, stream_id, category, revision, type, data, metadata, hash, region) VALUES (?, ?, ?, ?, ?, CAST(? AS TEXT), CAST(? AS TEXT), ?, ?)',
    );
    this.selectById = this.db.prepare('SELECT stream_id, revision, position FROM events WHERE id = ?');
    this.selectStreamHead = this.db.prepare('SELECT revision, hash FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1');
    // A nested better-sqlite3 transaction is a savepoint: a refused append inside a group rolls back alone.
    this.appendTransaction = this.db.transaction((pending: EncodedAppend, recordedAt: string) =>
      this.appendInTransaction(pending, recordedAt),
    );
    this.batchTransaction = this.db.transaction((batch: (EncodedAppend & { recordedAt: string })[]) =>
      batch.map((pending) => this.appendInTransaction(pending, pending.recordedAt)),
    );
    this.groupTransaction = this.db.transaction((batch: PendingAppend[], recordedAt: string) =>
      batch.map((pending): Outcome => {
        try {
          return { ok: true, result: this.appendTransaction(pending, recordedAt) };
        } catch (error) {
          if (isRefusal(error)) return { ok: false, error };
          throw error;
        }
      }),
    );
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
    const batch = this.queue;
    this.queue = [];
    if (batch.length === 0) return;
    let outcomes: Outcome[];
    try {
      outcomes = this.groupTransaction.immediate(batch, this.now().toISOString());
    } catch (error) {
      for (const pending of batch) pending.reject(error);
      return;
    }
    outcomes.forEach((outcome, i) => (outcome.ok ? batch[i].resolve(outcome.result) : batch[i].reject(outcome.error)));
    if (outcomes.some((outcome) => outcome.ok)) for (const listener of [...this.appendListeners]) listener();
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
    const results = this.batchTransaction.immediate(encoded);
    if (results.length > 0) for (const listener of [...this.appendListeners]) listener();
    return results;
  }

  private appendInTransaction(pending: EncodedAppend, recordedAt: string): AppendResult {
    const { streamId, events } = pending;
    const existing = this.selectById.get(events[0].id) as { stream_id: string; revision: number; position: number } | undefined;
    if (existing) return this.replayedAppend(pending, existing);

    const head = this.selectStreamHead.get(streamId) as { revision: number; hash: string } | undefined;
    checkExpectedRevision(streamId, pending.expected, head?.revision);
    let revision = head ? head.revision : -1;
    let prevHash = head ? head.hash : GENESIS_HASH;
    let position = 0;
    const category = categoryOf(streamId);
    const encoder = new MetadataEncoder(recordedAt);
    events.forEach((event, i) => {
      revision++;
      const metadata = encoder.encode(event.metadata, prevHash);
      const hash = eventHash({ prevHash, id: event.id, streamId, revision, type: event.type, data: pending.data[i], metadata });
      try {
        const info = this.insertEvent.run(
          event.id,
          streamId,
          category,
          revision,
          event.type,
          pending.data[i],
          metadata,
          hash,
          event.metadata.subjectRegion ?? null,
        );
        position = Number(info.lastInsertRowid);
      } catch (error) {
        if (isUniqueIdViolation(error)) {
          const other = this.selectById.get(event.id) as { stream_id: string } | undefined;
          throw new DuplicateEventIdError(event.id, other?.stream_id ?? streamId);
        }
        throw error;
      }
      prevHash = hash;
    });
    return { streamId, revision, position, eventIds: events.map((event) => event.id), duplicate: false };
  }

  /** The same events again (a resend): answer as the first time, append nothing. */
  private replayedAppend(pending: EncodedAppend, first: { stream_id: string; revision: number; position: number }): AppendResult {
    let last = first;
    for (let i = 0; i < pending.events.length; i++) {
      const row = i === 0 ? first : (this.selectById.get(pending.events[i].id) as typeof first | undefined);
      if (!row || row.stream_id !== pending.streamId || row.revision !== first.revision + i) {
        throw new DuplicateEventIdError(pending.events[i].id, first.stream_id);
      }
      last = row;
    }
    return {
      streamId: pending.streamId,
      revision: last.revision,
      position: last.position,
      eventIds: pending.events.map((event) => event.id),
      duplicate: true,
    };
  }

  /** The stream's last revision, undefined when it has no events. */
  streamRevision(streamId: string): number | undefined {
    return (this.selectStreamHead.get(streamId) as { revision: number } | undefined)?.revision;
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    return this.readStreamSync(streamId, options);
  }

  private readStreamSync(streamId: string, options: ReadStreamOptions = {}): RecordedEvent[] {
    const backwards = options.direction === 'backwards';
    const from = options.fromRevision ?? (backwards ? Number.MAX_SAFE_INTEGER : 0);
    const limit = options.maxCount ?? -1;
    const sql = backwards
      ? `SELECT ${COLUMNS} FROM events WHERE stream_id = ? AND revision <= ? ORDER BY revision DESC LIMIT ?`
      : `SELECT ${COLUMNS} FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision ASC LIMIT ?`;
    return (this.cachedStatement(sql).all(streamId, from, limit) as EventRow[]).map(toRecordedEvent);
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
      onAppend: (listener) => {
        this.appendListeners.add(listener);
        return () => this.appendListeners.delete(listener);
      },
      pollIntervalMs: this.pollIntervalMs,
    });
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
    this.flush();
    this.closed = true;
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

function isRefusal(error: unknown): error is Error {
  return error instanceof WrongExpectedRevisionError || error instanceof DuplicateEventIdError;
}

function isUniqueIdViolation(error: unknown): boolean {
  // Duck-typed: the SqliteError may come from another realm (jest's sandbox), where instanceof fails.
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return code === 'SQLITE_CONSTRAINT_UNIQUE' && String(message).includes('events.id');
}
