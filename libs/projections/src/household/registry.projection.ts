import { headName, type CadreEvent, type HelpPlanEvent, type HouseholdEvent, type UnitEvent } from '@bangfu/domain';
import type { Projection } from '../projection';
import type { ReadStore } from '../store/read-store';

export interface HouseholdRow {
  household_id: string;
  village_code: string;
  head_name: string;
  population: number;
  category: string;
  causes: string;
  profile: string;
  status: 'registered' | 'removed';
  exited: number;
  identified_at: string;
  /** 新识别 by a 精准识别 case (`identification_id`), or taken over from an existing register (import). */
  source: 'identification' | 'import';
  identification_id: string | null;
  removed_at: string | null;
  removal_id: string | null;
  cadre_id: string | null;
  cadre_since: string | null;
  recorded_at: string;
  updated_position: number;
  /** The event that put it on the register, and when its plan (一户一策) got its first measure (null: no plan yet). */
  registered_event_id: string | null;
  planned_at: string | null;
}

export interface CadreRow {
  cadre_id: string;
  name: string;
  unit_id: string;
  region_code: string;
  position: string;
  phone: string | null;
  recalled_at: string | null;
  registered_at: string;
}

export interface UnitRow {
  unit_id: string;
  name: string;
  region_code: string;
  lead_official: string;
  registered_at: string;
}

/** The register as it stands: households (建档立卡), units and cadres, with each household's current cadre. */
export const registryProjection: Projection = {
  name: 'registry',
  // v2: how each household came on the register (精准识别 case or import) and the 剔除 case that removed it.
  // v3: the registering event and the plan's first measure, so the households still without a plan are one index away.
  version: 3,
  eventTypes: [
    'HouseholdRegistered',
    'HouseholdCorrected',
    'HouseholdRemoved',
    'HouseholdExited',
    'HouseholdRelapsed',
    'CadreAssigned',
    'AssignmentEnded',
    'CadreRegistered',
    'CadreRecalled',
    'UnitRegistered',
    'UnitLeadChanged',
    'MeasureAdded',
  ],
  tables: ['households', 'cadres', 'units'],
  schema: `
    CREATE TABLE {households} (
      household_id TEXT PRIMARY KEY, village_code TEXT NOT NULL, head_name TEXT NOT NULL, population INTEGER NOT NULL,
      category TEXT NOT NULL, causes TEXT NOT NULL, profile TEXT NOT NULL, status TEXT NOT NULL, exited INTEGER NOT NULL,
      identified_at TEXT NOT NULL, removed_at TEXT, cadre_id TEXT, cadre_since TEXT, recorded_at TEXT NOT NULL,
      updated_position INTEGER NOT NULL, source TEXT NOT NULL, identification_id TEXT, removal_id TEXT,
      registered_event_id TEXT, planned_at TEXT);
    CREATE INDEX {households}_by_village ON {households} (village_code, household_id);
    CREATE INDEX {households}_by_cadre ON {households} (cadre_id);
    CREATE INDEX {households}_without_plan ON {households} (identified_at, village_code)
      WHERE planned_at IS NULL AND status = 'registered' AND exited = 0;
    CREATE TABLE {cadres} (
      cadre_id TEXT PRIMARY KEY, name TEXT NOT NULL, unit_id TEXT NOT NULL, region_code TEXT NOT NULL, position TEXT NOT NULL,
      phone TEXT, recalled_at TEXT, registered_at TEXT NOT NULL);
    CREATE INDEX {cadres}_by_unit ON {cadres} (unit_id);
    CREATE TABLE {units} (
      unit_id TEXT PRIMARY KEY, name TEXT NOT NULL, region_code TEXT NOT NULL, lead_official TEXT NOT NULL, registered_at TEXT NOT NULL);`,
  apply(event, view) {
    const e = event as unknown as HouseholdEvent | CadreEvent | UnitEvent | Extract<HelpPlanEvent, { type: 'MeasureAdded' }>;
    const at = event.metadata.occurredAt;
    switch (e.type) {
      case 'HouseholdRegistered': {
        const { householdId, villageCode, members, category, causes, phone, identifiedAt, source, identificationId } = e.data;
        view.run(
          `INSERT INTO {households} (household_id, village_code, head_name, population, category, causes, profile, status, exited,
             identified_at, recorded_at, updated_position, source, identification_id, registered_event_id)
           VALUES (?, ?, ?, ?, ?, ?, ?, 'registered', 0, ?, ?, ?, ?, ?, ?)`,
          householdId,
          villageCode,
          headName({ members }),
          members.length,
          category,
          JSON.stringify(causes),
          JSON.stringify({ members, category, causes, ...(phone ? { phone } : {}) }),
          identifiedAt,
          event.metadata.recordedAt,
          event.position,
          source,
          identificationId ?? null,
          event.id,
        );
        return;
      }
      case 'MeasureAdded':
        view.run(
          'UPDATE {households} SET planned_at = COALESCE(planned_at, ?) WHERE household_id = ?',
          event.metadata.occurredAt,
          e.data.householdId,
        );
        return;
      case 'HouseholdCorrected': {
        const row = view.get<HouseholdRow>('SELECT profile FROM {households} WHERE household_id = ?', e.data.householdId);
        if (!row) return;
        const profile = { ...JSON.parse(row.profile), ...e.data.changes };
        view.run(
          `UPDATE {households} SET profile = ?, head_name = ?, population = ?, category = ?, causes = ?, updated_position = ?
           WHERE household_id = ?`,
          JSON.stringify(profile),
          headName(profile),
          profile.members.length,
          profile.category,
          JSON.stringify(profile.causes),
          event.position,
          e.data.householdId,
        );
        return;
      }
      case 'HouseholdRemoved':
        view.run(
          `UPDATE {households} SET status = 'removed', removed_at = ?, removal_id = ?, cadre_id = NULL, cadre_since = NULL,
             updated_position = ? WHERE household_id = ?`,
          e.data.removedAt,
          e.data.removalId ?? null,
          event.position,
          e.data.householdId,
        );
        return;
      case 'HouseholdExited':
      case 'HouseholdRelapsed':
        view.run(
          'UPDATE {households} SET exited = ?, updated_position = ? WHERE household_id = ?',
          e.type === 'HouseholdExited' ? 1 : 0,
          event.position,
          e.data.householdId,
        );
        return;
      case 'CadreAssigned':
        view.run(
          'UPDATE {households} SET cadre_id = ?, cadre_since = ?, updated_position = ? WHERE household_id = ?',
          e.data.cadreId,
          e.data.from,
          event.position,
          e.data.householdId,
        );
        return;
      case 'AssignmentEnded':
        view.run(
          'UPDATE {households} SET cadre_id = NULL, cadre_since = NULL, updated_position = ? WHERE household_id = ?',
          event.position,
          e.data.householdId,
        );
        return;
      case 'CadreRegistered':
        view.run(
          'INSERT INTO {cadres} (cadre_id, name, unit_id, region_code, position, phone, registered_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
          e.data.cadreId,
          e.data.name,
          e.data.unitId,
          e.data.regionCode,
          e.data.position,
          e.data.phone ?? null,
          at,
        );
        return;
      case 'CadreRecalled':
        view.run('UPDATE {cadres} SET recalled_at = ? WHERE cadre_id = ?', e.data.recalledAt, e.data.cadreId);
        return;
      case 'UnitRegistered':
        view.run(
          'INSERT INTO {units} (unit_id, name, region_code, lead_official, registered_at) VALUES (?, ?, ?, ?, ?)',
          e.data.unitId,
          e.data.name,
          e.data.regionCode,
          e.data.leadOfficial,
          at,
        );
        return;
      case 'UnitLeadChanged':
        view.run('UPDATE {units} SET lead_official = ? WHERE unit_id = ?', e.data.leadOfficial, e.data.unitId);
        return;
      default:
        return;
    }
  },
};

/**
 * The households a village's month-end check judges: registered (not removed) and identified by `instant`, in
 * 户编号 order. The registry's own query over its table, for the processes that read it.
 */
export function householdsRegisteredBy(views: ReadStore, villageCode: string, instant: string): string[] {
  const rows = views
    .prepare(
      `SELECT household_id FROM households WHERE village_code = ? AND status = 'registered' AND identified_at <= ? ORDER BY household_id`,
    )
    .all(villageCode, instant) as { household_id: string }[];
  return rows.map((row) => row.household_id);
}

/** The registered households a cadre holds now, in 户编号 order: what a recall must hand over. */
export function householdsHeldBy(views: ReadStore, cadreId: string): string[] {
  const rows = views
    .prepare(`SELECT household_id FROM households WHERE cadre_id = ? AND status = 'registered' ORDER BY household_id`)
    .all(cadreId) as { household_id: string }[];
  return rows.map((row) => row.household_id);
}
