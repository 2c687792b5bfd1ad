import type { HouseholdEvent } from '@bangfu/domain';
import type { RecordedEvent } from '@bangfu/eventstore';
import type { Projection, ViewWriter } from '../projection';
import type { ReadStore } from '../store/read-store';

export interface ResponsibilityRow {
  household_id: string;
  village_code: string;
  cadre_id: string;
  valid_from: string;
  valid_to: string | null;
  recorded_from: string;
  recorded_to: string | null;
  reason: string;
  /** The 对接 deadline of the period (its new cadre's first visit), null for rows written before v2 kept it. */
  connect_by: string | null;
  position: number;
}

/**
 * Who held each household, bitemporally: a row is one assignment period (business time, valid_from..valid_to)
 * as the record stated it (record time, recorded_from..recorded_to). A handover never edits a row: it closes
 * the row's record interval and writes the corrected period and the new one, so "who held it at T, as the
 * record said on K" is one indexed lookup.
 */
/** The columns of a responsibility table: the registry's, or a copy another view keeps to judge against. */
export function responsibilityTableSql(table: string): string {
  return `
    CREATE TABLE {${table}} (
      household_id TEXT NOT NULL, village_code TEXT NOT NULL, cadre_id TEXT NOT NULL, valid_from TEXT NOT NULL, valid_to TEXT,
      recorded_from TEXT NOT NULL, recorded_to TEXT, reason TEXT NOT NULL, connect_by TEXT, position INTEGER NOT NULL);
    CREATE INDEX {${table}}_by_household ON {${table}} (household_id, valid_from);`;
}

/** The events that change who held a household. */
export const RESPONSIBILITY_EVENT_TYPES = ['CadreAssigned', 'AssignmentEnded', 'HouseholdRemoved'] as const;

export const responsibilityProjection: Projection = {
  name: 'responsibility',
  // v2: each period keeps its 对接 deadline, so a county's go-live can set the checks its history put off.
  version: 2,
  eventTypes: RESPONSIBILITY_EVENT_TYPES,
  tables: ['responsibility'],
  schema: `${responsibilityTableSql('responsibility')}
    CREATE INDEX {responsibility}_by_cadre ON {responsibility} (cadre_id, valid_from);`,
  apply(event, view) {
    recordResponsibility(view, event, 'responsibility');
  },
};

/**
 * Writes one of RESPONSIBILITY_EVENT_TYPES into a table of `responsibilityTableSql`'s columns, and returns the
 * household it changed (undefined for any other event).
 */
export function recordResponsibility(view: ViewWriter, event: RecordedEvent, table: string): string | undefined {
  const e = event as unknown as HouseholdEvent;
  const recordedAt = event.metadata.recordedAt;
  switch (e.type) {
    case 'CadreAssigned':
      closeCurrent(view, table, e.data.householdId, e.data.from, recordedAt, event.position);
      view.run(
        `INSERT INTO {${table}} (household_id, village_code, cadre_id, valid_from, valid_to, recorded_from, recorded_to, reason, connect_by, position)
         VALUES (?, ?, ?, ?, NULL, ?, NULL, ?, ?, ?)`,
        e.data.householdId,
        e.data.villageCode,
        e.data.cadreId,
        e.data.from,
        recordedAt,
        e.data.reason,
        e.data.connectBy,
        event.position,
      );
      return e.data.householdId;
    case 'AssignmentEnded':
      closeCurrent(view, table, e.data.householdId, e.data.at, recordedAt, event.position);
      return e.data.householdId;
    case 'HouseholdRemoved':
      closeCurrent(view, table, e.data.householdId, e.data.removedAt, recordedAt, event.position);
      return e.data.householdId;
    default:
      return undefined;
  }
}

function closeCurrent(view: ViewWriter, table: string, householdId: string, at: string, recordedAt: string, position: number): void {
  const open = view.get<ResponsibilityRow>(
    `SELECT * FROM {${table}} WHERE household_id = ? AND valid_to IS NULL AND recorded_to IS NULL`,
    householdId,
  );
  if (!open) return;
  view.run(
    `UPDATE {${table}} SET recorded_to = ? WHERE household_id = ? AND valid_to IS NULL AND recorded_to IS NULL`,
    recordedAt,
    householdId,
  );
  if (at > open.valid_from) {
    view.run(
      `INSERT INTO {${table}} (household_id, village_code, cadre_id, valid_from, valid_to, recorded_from, recorded_to, reason, connect_by, position)
       VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?, ?)`,
      householdId,
      open.village_code,
      open.cadre_id,
      open.valid_from,
      at,
      recordedAt,
      open.reason,
      open.connect_by,
      position,
    );
  }
}

/** The assignment periods in a village that began at or after an instant, as the record states them now. */
export function periodsFrom(
  views: ReadStore,
  villageCode: string,
  since: string,
): { household_id: string; cadre_id: string; valid_from: string; connect_by: string }[] {
  return views
    .prepare(
      `SELECT household_id, cadre_id, valid_from, connect_by FROM responsibility
       WHERE village_code = ? AND recorded_to IS NULL AND valid_from >= ? AND connect_by IS NOT NULL ORDER BY household_id, valid_from`,
    )
    .all(villageCode, since) as { household_id: string; cadre_id: string; valid_from: string; connect_by: string }[];
}
