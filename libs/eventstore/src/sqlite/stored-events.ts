import type Database from 'better-sqlite3';
import type { ChainBreak, StoredEventBytes } from '../chain/verify-chain';

type Row = [number, string, string, number, string, Buffer, Buffer, string];

/** Every stored event's bytes, grouped by stream in revision order, optionally one range [from, to) of streams. */
export function* iterateStoredEvents(
  db: Database.Database,
  range: { from?: string; to?: string | null } = {},
): IterableIterator<StoredEventBytes> {
  const rows = db
    .prepare(
      `SELECT position, id, stream_id, revision, type, CAST(data AS BLOB), CAST(metadata AS BLOB), hash FROM events
       WHERE stream_id >= ? AND (? IS NULL OR stream_id < ?) ORDER BY stream_id, revision`,
    )
    .raw() // arrays: far cheaper to materialise than objects with named properties
    .iterate(range.from ?? '', range.to ?? null, range.to ?? null) as IterableIterator<Row>;
  for (const [position, id, streamId, revision, type, data, metadata, hash] of rows) {
    yield { position, id, streamId, revision, type, data, metadata, hash };
  }
}

/**
 * Positions are gapless (AUTOINCREMENT, every append commits or rolls back whole), so a missing one — even
 * after the last event, which the sequence still remembers — means an event was removed.
 */
export function findPositionGap(db: Database.Database): ChainBreak | undefined {
  const { count, max } = db.prepare('SELECT COUNT(*) AS count, MAX(position) AS max FROM events').get() as {
    count: number;
    max: number | null;
  };
  const seqRow = db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'events'").get() as { seq: number } | undefined;
  const seq = seqRow?.seq ?? 0;
  if (count === (max ?? 0) && count === seq) return undefined;
  const missing = db
    .prepare(
      `SELECT p.missing FROM (SELECT 1 AS missing WHERE NOT EXISTS (SELECT 1 FROM events WHERE position = 1)
           UNION ALL SELECT position + 1 FROM events e WHERE NOT EXISTS (SELECT 1 FROM events WHERE position = e.position + 1)) p
         ORDER BY p.missing LIMIT 1`,
    )
    .get() as { missing: number };
  const after = db
    .prepare('SELECT id, stream_id, revision, position FROM events WHERE position > ? ORDER BY position LIMIT 1')
    .get(missing.missing) as { id: string; stream_id: string; revision: number; position: number } | undefined;
  return {
    streamId: after?.stream_id ?? '(end of log)',
    revision: after?.revision ?? -1,
    eventId: after?.id ?? '(none)',
    position: missing.missing,
    reason: `global position ${missing.missing} is missing (log holds ${count} events, sequence reached ${seq}): an event was removed`,
  };
}
