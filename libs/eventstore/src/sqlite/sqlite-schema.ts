import type Database from 'better-sqlite3';

/**
 * One row per event. `position` is AUTOINCREMENT so it is never reused: it is the total order of the log,
 * and because every append is one transaction (or savepoint) that commits or rolls back whole, positions
 * stay gapless — which lets verify notice a removed event anywhere, even the last one.
 * `data` and `metadata` hold canonical JSON text; `hash` is kept out of `metadata` so the hashed bytes are
 * exactly the stored bytes. `region` repeats metadata.subjectRegion so reads can be limited to a jurisdiction.
 */
export function createEventStoreSchema(db: Database.Database): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS events (
      position  INTEGER PRIMARY KEY AUTOINCREMENT,
      id        TEXT    NOT NULL UNIQUE,
      stream_id TEXT    NOT NULL,
      category  TEXT    NOT NULL,
      revision  INTEGER NOT NULL,
      type      TEXT    NOT NULL,
      data      TEXT    NOT NULL,
      metadata  TEXT    NOT NULL,
      hash      TEXT    NOT NULL,
      region    TEXT,
      UNIQUE (stream_id, revision)
    );
  `);
}

export type SynchronousMode = 'FULL' | 'NORMAL' | 'OFF';

/** A connection's page cache: hot streams stay in memory (64 MB); a reader that only scans the log once needs little. */
export function configureConnection(db: Database.Database, synchronous: SynchronousMode, cacheMb = 64): void {
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${synchronous}`);
  db.pragma('busy_timeout = 10000');
  db.pragma(`cache_size = -${Math.round(cacheMb * 1024)}`);
}
