import type { RecordedEvent } from '@bangfu/eventstore';
import { householdOfStream } from '@bangfu/domain';
import type { Projection, ViewWriter } from '../projection';

export interface TimelineRow {
  household_id: string;
  position: number;
  event_id: string;
  stream_id: string;
  revision: number;
  type: string;
  occurred_at: string;
  recorded_at: string;
  actor_id: string;
  actor_name: string | null;
  data: string;
}

const TIMELINE_COLUMNS = `household_id TEXT NOT NULL, position INTEGER NOT NULL, event_id TEXT NOT NULL, stream_id TEXT NOT NULL,
  revision INTEGER NOT NULL, type TEXT NOT NULL, occurred_at TEXT NOT NULL, recorded_at TEXT NOT NULL, actor_id TEXT NOT NULL,
  actor_name TEXT, data TEXT NOT NULL`;

/**
 * Every event about a household, from every stream: its own, a cadre's recall that handed it over, the
 * timers that watch it, its exit cases (the stream `exit-<户编号>`) and their deadline timers. Found by the
 * household ids an event names.
 */
export const timelineProjection: Projection = {
  name: 'timeline',
  version: 3,
  tables: ['timeline', 'timeline_timers'],
  // A rebuild appends rows in log order, then rewrites the table clustered by household, one sort: a page of a
  // household's timeline is then a few adjacent pages, not a hundred scattered rows.
  schema: `
    CREATE TABLE {timeline} (${TIMELINE_COLUMNS});
    CREATE TABLE {timeline_timers} (timer_id TEXT PRIMARY KEY, household_id TEXT NOT NULL) WITHOUT ROWID;`,
  afterLoad: `
    ALTER TABLE {timeline} RENAME TO {timeline}_loaded;
    CREATE TABLE {timeline} (${TIMELINE_COLUMNS}, PRIMARY KEY (household_id, position)) WITHOUT ROWID;
    INSERT INTO {timeline} SELECT * FROM {timeline}_loaded ORDER BY household_id, position;
    DROP TABLE {timeline}_loaded;`,
  apply(event, view) {
    for (const householdId of householdsNamedBy(event, view)) {
      view.run(
        `INSERT OR IGNORE INTO {timeline} (household_id, position, event_id, stream_id, revision, type, occurred_at, recorded_at, actor_id,
           actor_name, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        householdId,
        event.position,
        event.id,
        event.streamId,
        event.revision,
        event.type,
        event.metadata.occurredAt,
        event.metadata.recordedAt,
        event.metadata.actor.id,
        event.metadata.actor.name ?? null,
        JSON.stringify(event.data),
      );
    }
  },
};

function householdsNamedBy(event: RecordedEvent, view: ViewWriter): string[] {
  const ofStream = householdOfStream(event.streamId);
  if (ofStream) return [ofStream];
  const data = event.data as {
    householdId?: unknown;
    handovers?: { householdId?: unknown }[];
    timerId?: string;
    command?: { data?: { householdId?: unknown; instanceId?: unknown } };
  };
  const ids = new Set<string>();
  if (typeof data.householdId === 'string') ids.add(data.householdId);
  for (const handover of Array.isArray(data.handovers) ? data.handovers : []) {
    if (typeof handover?.householdId === 'string') ids.add(handover.householdId);
  }
  // A workflow deadline names its case (`<户编号>-<n>`), not the household.
  const caseOf = /^(\d{16})-\d+$/.exec(String(data.command?.data?.instanceId ?? ''));
  const watched = typeof data.command?.data?.householdId === 'string' ? data.command.data.householdId : caseOf?.[1];
  if (event.type === 'TimerScheduled' && watched && data.timerId) {
    ids.add(watched);
    view.run('INSERT OR IGNORE INTO {timeline_timers} (timer_id, household_id) VALUES (?, ?)', data.timerId, watched);
  } else if ((event.type === 'TimerFired' || event.type === 'TimerCancelled') && data.timerId) {
    const row = view.get<{ household_id: string }>('SELECT household_id FROM {timeline_timers} WHERE timer_id = ?', data.timerId);
    if (row) ids.add(row.household_id);
  }
  return [...ids];
}
