import type Database from 'better-sqlite3';
import { checkExpectedRevision } from '../append-rules';
import { MetadataEncoder } from '../chain/metadata-encoder';
import { GENESIS_HASH, eventHash } from '../chain/hash-chain';
import { DuplicateEventIdError, WrongExpectedRevisionError } from '../errors';
import type { AppendResult, EventToAppend, ExpectedRevision } from '../event-store.port';
import { categoryOf } from '../event-store.port';

/** An append checked and encoded, ready for a transaction. */
export interface EncodedAppend {
  streamId: string;
  events: EventToAppend[];
  /** Each event's data as canonical JSON bytes (hashed and stored alike). */
  data: Uint8Array[];
  expected: ExpectedRevision;
}

export type Outcome = { ok: true; result: AppendResult } | { ok: false; error: Error };

/**
 * The writing half of the SQLite adapter, on one connection: each append checked against the stream's head
 * (expected revision, event ids, a resend answered as the first time), hash-chained and inserted. Used on the
 * store's own connection, or on the commit thread's.
 */
export class EventsWriter {
  private readonly insertEvent: Database.Statement;
  private readonly selectById: Database.Statement;
  private readonly selectStreamHead: Database.Statement;
  private readonly appendTransaction: (pending: EncodedAppend, recordedAt: string) => AppendResult;
  private readonly group: Database.Transaction<(batch: EncodedAppend[], recordedAt: string) => Outcome[]>;
  private readonly batch: Database.Transaction<(batch: (EncodedAppend & { recordedAt: string })[]) => AppendResult[]>;

  constructor(db: Database.Database) {
    this.insertEvent = db.prepare(
      // Bound as UTF-8 bytes (encoded once, for the hash and the row alike) and stored as TEXT.
      'INSERT INTO events (id, stream_id, category, revision, type, data, metadata, hash, region) VALUES (?, ?, ?, ?, ?, CAST(? AS TEXT), CAST(? AS TEXT), ?, ?)',
    );
    this.selectById = db.prepare('SELECT stream_id, revision, position FROM events WHERE id = ?');
    this.selectStreamHead = db.prepare('SELECT revision, hash FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1');
    // A nested better-sqlite3 transaction is a savepoint: a refused append inside a group rolls back alone.
    this.appendTransaction = db.transaction((pending: EncodedAppend, recordedAt: string) => this.appendInTransaction(pending, recordedAt));
    this.batch = db.transaction((batch: (EncodedAppend & { recordedAt: string })[]) =>
      batch.map((pending) => this.appendInTransaction(pending, pending.recordedAt)),
    );
    this.group = db.transaction((batch: EncodedAppend[], recordedAt: string) =>
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

  /** Appends issued together, in one transaction and one fsync, each checked and refused on its own. */
  commitGroup(batch: EncodedAppend[], recordedAt: string): Outcome[] {
    return this.group.immediate(batch, recordedAt);
  }

  /** Many appends in one transaction; the first refusal rolls the whole batch back. */
  commitBatch(batch: (EncodedAppend & { recordedAt: string })[]): AppendResult[] {
    return this.batch.immediate(batch);
  }

  /** The stream's last revision, undefined when it has no events. */
  streamRevision(streamId: string): number | undefined {
    return (this.selectStreamHead.get(streamId) as { revision: number } | undefined)?.revision;
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
      const data = pending.data[i];
      const hash = eventHash({ prevHash, id: event.id, streamId, revision, type: event.type, data, metadata });
      try {
        const info = this.insertEvent.run(
          event.id,
          streamId,
          category,
          revision,
          event.type,
          data,
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
}

function isRefusal(error: unknown): error is Error {
  return error instanceof WrongExpectedRevisionError || error instanceof DuplicateEventIdError;
}

function isUniqueIdViolation(error: unknown): boolean {
  // Duck-typed: the SqliteError may come from another realm (jest's sandbox), where instanceof fails.
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return code === 'SQLITE_CONSTRAINT_UNIQUE' && String(message).includes('events.id');
}
