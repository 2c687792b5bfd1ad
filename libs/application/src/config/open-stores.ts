import { join } from 'node:path';
import { EsdbEventStore, SqliteEventStore, type EventStore } from '@bangfu/eventstore';
import { ReadStore } from '@bangfu/projections';
import type { Clock } from '@bangfu/workflow';
import type { BangfuConfig } from './bangfu-config';

/**
 * The one place that knows which adapter a configuration means; the API and the CLI both open stores here.
 * The read models stay in a local SQLite file either way: each bangfu node keeps its own views.
 */
/** `scansOnce`: the caller reads the log once in order (a rebuild), so the SQLite reader keeps a small page cache. */
export function openEventStore(config: BangfuConfig, clock: Clock, { scansOnce = false }: { scansOnce?: boolean } = {}): EventStore {
  if (config.store === 'esdb') return new EsdbEventStore({ connectionString: config.esdbUrl as string, now: () => clock.now() });
  return new SqliteEventStore({
    file: join(config.dataDir, 'events.db'),
    synchronous: config.sqliteSynchronous,
    now: () => clock.now(),
    commitThread: config.commitThread === 'thread',
    ...(scansOnce ? { cacheMb: SCAN_CACHE_MB } : {}),
  });
}

/** A page cache for a reader that scans the log once: the file cache of the operating system serves the rest. */
export const SCAN_CACHE_MB = 8;

export function openReadStore(config: BangfuConfig): ReadStore {
  return new ReadStore(join(config.dataDir, 'views.db'));
}
