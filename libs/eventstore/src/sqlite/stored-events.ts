import type Database from 'better-sqlite3';
import type { StoredEventBytes } from '../chain/verify-chain';

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
