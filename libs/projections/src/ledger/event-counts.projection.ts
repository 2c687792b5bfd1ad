import { categoryOf } from '@bangfu/eventstore';
import type { Projection } from '../projection';
import type { ReadStore } from '../store/read-store';

/**
 * Events in the log by stream category. `/health` answers the count of business events — all but the
 * access log's and the durable timers', which arrive on their own schedule — so a client can tell that its
 * refused request appended nothing without racing those.
 */
export const eventCountsProjection: Projection = {
  name: 'event-counts',
  version: 1,
  tables: ['event_counts'],
  schema: `CREATE TABLE {event_counts} (category TEXT PRIMARY KEY, events INTEGER NOT NULL)`,
  apply(event, view) {
    view.run(
      'INSERT INTO {event_counts} (category, events) VALUES (?, 1) ON CONFLICT (category) DO UPDATE SET events = events + 1',
      categoryOf(event.streamId),
    );
  },
};

/** Categories that are not business facts: who looked or was refused (`access-…`), and timers (`timer-…`). */
export const BOOKKEEPING_CATEGORIES = ['access', 'timer'];

/** The business events the views have applied (their position is the runner's). */
export function businessEventCount(views: ReadStore): number {
  const row = views
    .prepare(
      `SELECT COALESCE(SUM(events), 0) AS n FROM event_counts WHERE category NOT IN (${BOOKKEEPING_CATEGORIES.map(() => '?').join(', ')})`,
    )
    .get(...BOOKKEEPING_CATEGORIES) as { n: number };
  return row.n;
}
