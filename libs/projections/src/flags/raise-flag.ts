import type { RecordedEvent } from '@bangfu/eventstore';
import type { ViewWriter } from '../projection';

/** A red flag about to be raised, pointing at the events it rests on (the raising event's own by default). */
export interface NewFlag {
  flagId: string;
  type: string;
  householdId: string | null;
  villageCode: string;
  cadreId: string | null;
  occurredAt: string;
  details: Record<string, unknown>;
  eventIds?: string[];
}

/**
 * Raises a flag once into a flag table (`flagTableSql`'s columns; the visit flags' `flags` unless named): a
 * replay raises nothing twice. `event` is what raised it: its record time and position.
 */
export function raise(view: ViewWriter, event: RecordedEvent, flag: NewFlag, table = 'flags'): void {
  view.run(
    `INSERT OR IGNORE INTO {${table}} (flag_id, type, household_id, village_code, cadre_id, occurred_at, raised_at, details, event_ids, position)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    flag.flagId,
    flag.type,
    flag.householdId,
    flag.villageCode,
    flag.cadreId,
    flag.occurredAt,
    event.metadata.recordedAt,
    JSON.stringify(flag.details),
    JSON.stringify(flag.eventIds ?? [event.id]),
    event.position,
  );
}
