import type Database from 'better-sqlite3';
import type { ChainBreak, StoredEventBytes } from '../chain/verify-chain';

type Row = [number, string, string, number, string, Buffer, Buffer, string, string, string | null];

/**
 * Every stored event's bytes in log order, optionally one range [from, to] of positions: a read of the table in its
 * own order (the rowid), so a large file is read sequentially.
 */
export function* iterateStoredEvents(
  db: Database.Database,
  range: { from?: number; to?: number } = {},
): IterableIterator<StoredEventBytes> {
  const rows = db
    .prepare(
      `SELECT position, id, stream_id, revision, type, CAST(data AS BLOB), CAST(metadata AS BLOB), hash, category, region FROM events
       WHERE position >= ? AND position <= ? ORDER BY position`,
    )
    .raw() // arrays: far cheaper to materialise than objects with named properties
    .iterate(range.from ?? 0, range.to ?? Number.MAX_SAFE_INTEGER) as IterableIterator<Row>;
  for (const [position, id, streamId, revision, type, data, metadata, hash, category, region] of rows) {
    yield { position, id, streamId, revision, type, data, metadata, hash, category, region };
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
  const at = missing.missing;
  const neighbour = (sql: string) =>
    db.prepare(`SELECT stream_id, revision FROM events WHERE ${sql} LIMIT 1`).get(at) as
      { stream_id: string; revision: number } | undefined;
  const before = neighbour('position < ? ORDER BY position DESC');
  const after = neighbour('position > ? ORDER BY position');
  const name = (event: typeof before) => (event ? `${event.stream_id} revision ${event.revision}` : 'none');
  // The gap itself is what broke: the events either side of it are intact and are named only as landmarks.
  return {
    position: at,
    reason:
      `global position ${at} is missing (log holds ${count} events, sequence reached ${seq}): an event was removed ` +
      `between ${name(before)} and ${name(after)}`,
  };
}
