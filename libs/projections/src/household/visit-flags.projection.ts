import { flagTableSql } from '../flags/flag-table';
import {
  policyInForce,
  policyRegionsFor,
  shanghaiDate,
  type HouseholdEvent,
  type VisitPolicyEvent,
  type VisitPolicyVersion,
} from '@bangfu/domain';
import type { RecordedEvent } from '@bangfu/eventstore';
import type { Projection, ViewWriter } from '../projection';

export const VISIT_FLAG_TYPES = [
  'BACKFILLED_VISIT',
  'VISIT_BY_UNASSIGNED_CADRE',
  'SIMULTANEOUS_VISITS',
  'HANDOVER_NOT_CONNECTED',
  'MONTHLY_VISIT_MISSED',
  'ASSIGNMENT_GAP',
] as const;
export type VisitFlagType = (typeof VISIT_FLAG_TYPES)[number];

/** A red flag as every flag table stores it (visit flags here, fund flags beside them). */
export interface FlagRow {
  flag_id: string;
  type: string;
  household_id: string | null;
  village_code: string;
  cadre_id: string | null;
  occurred_at: string;
  period_to: string | null;
  raised_at: string;
  details: string;
  event_ids: string;
  position: number;
}

/**
 * Red flags about 包保 and 走访, each pointing at the events it rests on. Thresholds come from the visit
 * policy in force where and when the visit happened, so a flag can be traced to the rule that raised it.
 */
export const visitFlagsProjection: Projection = {
  name: 'visit-flags',
  // v2: a cadre's visits are kept in the order the simultaneity check reads them (one B-tree, not three).
  version: 2,
  tables: ['flags', 'flag_policies', 'flag_visits', 'flag_holders'],
  schema: `
    ${flagTableSql('flags')}
    CREATE INDEX {flags}_by_household ON {flags} (household_id, type);
    CREATE TABLE {flag_policies} (
      region_code TEXT NOT NULL, version INTEGER NOT NULL, policy TEXT NOT NULL, PRIMARY KEY (region_code, version));
    CREATE TABLE {flag_visits} (
      cadre_id TEXT NOT NULL, occurred_at TEXT NOT NULL, visit_id TEXT NOT NULL, event_id TEXT NOT NULL, village_code TEXT NOT NULL,
      household_id TEXT NOT NULL, PRIMARY KEY (cadre_id, occurred_at, visit_id)) WITHOUT ROWID;
    CREATE TABLE {flag_holders} (household_id TEXT PRIMARY KEY, village_code TEXT NOT NULL, cadre_id TEXT);`,
  apply(event, view) {
    const e = event as unknown as HouseholdEvent | VisitPolicyEvent;
    switch (e.type) {
      case 'VisitPolicyAdopted':
        view.run(
          'INSERT OR REPLACE INTO {flag_policies} (region_code, version, policy) VALUES (?, ?, ?)',
          e.data.regionCode,
          e.data.version,
          JSON.stringify(e.data),
        );
        policiesSeen.delete(view);
        return;
      case 'VisitRecorded':
        return flagVisit(event, e.data, view);
      case 'HandoverNotConnected':
        return raise(view, event, {
          flagId: `HANDOVER_NOT_CONNECTED:${e.data.householdId}:${e.data.since}`,
          type: 'HANDOVER_NOT_CONNECTED',
          householdId: e.data.householdId,
          villageCode: e.data.villageCode,
          cadreId: e.data.cadreId,
          occurredAt: e.data.dueAt,
          details: { assignedAt: e.data.since, dueAt: e.data.dueAt },
        });
      case 'VisitOverdue':
        return raise(view, event, {
          flagId: `MONTHLY_VISIT_MISSED:${e.data.householdId}:${e.data.month}`,
          type: 'MONTHLY_VISIT_MISSED',
          householdId: e.data.householdId,
          villageCode: e.data.villageCode,
          cadreId: e.data.cadreId,
          occurredAt: event.metadata.occurredAt,
          details: { month: e.data.month, required: e.data.required, made: e.data.made, policy: e.data.policy },
        });
      case 'HouseholdRegistered':
        view.run(
          'INSERT OR REPLACE INTO {flag_holders} (household_id, village_code, cadre_id) VALUES (?, ?, NULL)',
          e.data.householdId,
          e.data.villageCode,
        );
        return openGap(view, event, e.data.householdId, e.data.villageCode, e.data.identifiedAt);
      case 'CadreAssigned':
        view.run('UPDATE {flag_holders} SET cadre_id = ? WHERE household_id = ?', e.data.cadreId, e.data.householdId);
        return closeGap(view, event, e.data.householdId, e.data.from);
      case 'AssignmentEnded':
        view.run('UPDATE {flag_holders} SET cadre_id = NULL WHERE household_id = ?', e.data.householdId);
        return;
      case 'HouseholdRelapsed': {
        const holder = view.get<{ village_code: string; cadre_id: string | null }>(
          'SELECT * FROM {flag_holders} WHERE household_id = ?',
          e.data.householdId,
        );
        if (holder && holder.cadre_id === null) openGap(view, event, e.data.householdId, holder.village_code, e.data.relapsedAt);
        return;
      }
      case 'HouseholdRemoved':
        return closeGap(view, event, e.data.householdId, e.data.removedAt);
      default:
        return;
    }
  },
};

interface NewFlag {
  flagId: string;
  type: VisitFlagType;
  householdId: string | null;
  villageCode: string;
  cadreId: string | null;
  occurredAt: string;
  details: Record<string, unknown>;
  eventIds?: string[];
}

function raise(view: ViewWriter, event: RecordedEvent, flag: NewFlag): void {
  view.run(
    `INSERT OR IGNORE INTO {flags} (flag_id, type, household_id, village_code, cadre_id, occurred_at, raised_at, details, event_ids, position)
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

function flagVisit(event: RecordedEvent, visit: Extract<HouseholdEvent, { type: 'VisitRecorded' }>['data'], view: ViewWriter): void {
  const policy = policyAt(view, visit.villageCode, visit.occurredAt);
  const base = { householdId: visit.householdId, villageCode: visit.villageCode, cadreId: visit.cadreId, occurredAt: visit.occurredAt };
  const lagDays = (Date.parse(event.metadata.recordedAt) - Date.parse(visit.occurredAt)) / 86_400_000;
  if (lagDays > policy.backfillDays) {
    raise(view, event, {
      ...base,
      flagId: `BACKFILLED_VISIT:${visit.visitId}`,
      type: 'BACKFILLED_VISIT',
      details: { visitId: visit.visitId, lagDays: Math.floor(lagDays), thresholdDays: policy.backfillDays, policyVersion: policy.version },
    });
  }
  if (!visit.byResponsibleCadre) {
    raise(view, event, {
      ...base,
      flagId: `VISIT_BY_UNASSIGNED_CADRE:${visit.visitId}`,
      type: 'VISIT_BY_UNASSIGNED_CADRE',
      details: { visitId: visit.visitId },
    });
  }
  const windowMs = policy.simultaneousMinutes * 60_000;
  const t = Date.parse(visit.occurredAt);
  const near = view.all<{ visit_id: string; event_id: string; village_code: string; occurred_at: string }>(
    `SELECT visit_id, event_id, village_code, occurred_at FROM {flag_visits}
     WHERE cadre_id = ? AND occurred_at > ? AND occurred_at < ? AND village_code <> ?`,
    visit.cadreId,
    new Date(t - windowMs).toISOString(),
    new Date(t + windowMs).toISOString(),
    visit.villageCode,
  );
  for (const other of near) {
    const [first, second] = [other.visit_id, visit.visitId].sort();
    raise(view, event, {
      ...base,
      flagId: `SIMULTANEOUS_VISITS:${first}:${second}`,
      type: 'SIMULTANEOUS_VISITS',
      details: {
        visits: [other.visit_id, visit.visitId],
        villages: [other.village_code, visit.villageCode],
        minutesApart: Math.round(Math.abs(t - Date.parse(other.occurred_at)) / 60_000),
        thresholdMinutes: policy.simultaneousMinutes,
      },
      eventIds: [other.event_id, event.id],
    });
  }
  view.run(
    'INSERT OR IGNORE INTO {flag_visits} (visit_id, event_id, cadre_id, village_code, household_id, occurred_at) VALUES (?, ?, ?, ?, ?, ?)',
    visit.visitId,
    event.id,
    visit.cadreId,
    visit.villageCode,
    visit.householdId,
    visit.occurredAt,
  );
}

/**
 * The policy versions over each village, read once per writer (a batch, or a whole rebuild) and forgotten
 * when a policy is adopted: every visit needs them, and they change a few times a year.
 */
const policiesSeen = new WeakMap<ViewWriter, Map<string, Map<string, VisitPolicyVersion[]>>>();

function policyAt(view: ViewWriter, villageCode: string, instant: string): VisitPolicyVersion {
  let byVillage = policiesSeen.get(view);
  if (!byVillage) policiesSeen.set(view, (byVillage = new Map()));
  let byRegion = byVillage.get(villageCode);
  if (!byRegion) {
    const regions = policyRegionsFor(villageCode);
    const rows = view.all<{ region_code: string; policy: string }>(
      `SELECT region_code, policy FROM {flag_policies} WHERE region_code IN (${regions.map(() => '?').join(', ')}) ORDER BY version`,
      ...regions,
    );
    byRegion = new Map<string, VisitPolicyVersion[]>();
    for (const row of rows) byRegion.set(row.region_code, [...(byRegion.get(row.region_code) ?? []), JSON.parse(row.policy)]);
    byVillage.set(villageCode, byRegion);
  }
  return policyInForce(byRegion, villageCode, shanghaiDate(instant));
}

/**
 * A household without a responsible cadre. The flag stands while the gap is open; a gap closed within a
 * day (registered in the morning, assigned in the afternoon) is ordinary office work and is dropped.
 */
function openGap(view: ViewWriter, event: RecordedEvent, householdId: string, villageCode: string, from: string): void {
  raise(view, event, {
    flagId: `ASSIGNMENT_GAP:${householdId}:${from}`,
    type: 'ASSIGNMENT_GAP',
    householdId,
    villageCode,
    cadreId: null,
    occurredAt: from,
    details: { from, to: null },
  });
}

const GAP_GRACE_MS = 86_400_000;

function closeGap(view: ViewWriter, event: RecordedEvent, householdId: string, at: string): void {
  const gap = view.get<FlagRow>(
    `SELECT * FROM {flags} WHERE household_id = ? AND type = 'ASSIGNMENT_GAP' AND period_to IS NULL`,
    householdId,
  );
  if (!gap) return;
  if (Date.parse(at) - Date.parse(gap.occurred_at) < GAP_GRACE_MS) {
    view.run('DELETE FROM {flags} WHERE flag_id = ?', gap.flag_id);
    return;
  }
  view.run(
    'UPDATE {flags} SET period_to = ?, details = ?, event_ids = ? WHERE flag_id = ?',
    at,
    JSON.stringify({ from: gap.occurred_at, to: at, days: Math.round((Date.parse(at) - Date.parse(gap.occurred_at)) / 86_400_000) }),
    JSON.stringify([...JSON.parse(gap.event_ids), event.id]),
    gap.flag_id,
  );
}
