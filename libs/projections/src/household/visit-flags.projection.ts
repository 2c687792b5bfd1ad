import { flagTableSql } from '../flags/flag-table';
import {
  codesUnder,
  policyInForce,
  policyRegionsFor,
  regionPrefix,
  shanghaiDate,
  type HouseholdEvent,
  type RegionEvent,
  type SupportSystemEvent,
  type VillageEvent,
  type VisitPolicyEvent,
  type VisitPolicyVersion,
} from '@bangfu/domain';
import type { RecordedEvent } from '@bangfu/eventstore';
import type { Projection, ViewWriter } from '../projection';
import { raise } from '../flags/raise-flag';
import { closeGap, openGap, releaseGaps } from './assignment-gaps';
import { judging } from './flag-judging';

export const VISIT_FLAG_TYPES = [
  'BACKFILLED_VISIT',
  'VISIT_BY_UNASSIGNED_CADRE',
  'SIMULTANEOUS_VISITS',
  'HANDOVER_NOT_CONNECTED',
  'MONTHLY_VISIT_MISSED',
  'ASSIGNMENT_GAP',
  'WORK_TEAM_REPORT_MISSED',
  'JOINT_MEETING_MISSED',
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
  // v3: nothing is judged while a division is onboarding (迁移中), nor anything before its go-live (上线日期).
  // v4: a work team's missed monthly report (驻村定期报告), a 帮扶体系's missed quarterly joint meeting (联席会议).
  // v5: flags indexed newest first (the inbox's page of 50 stops after 50 rows instead of sorting a county's flags).
  version: 5,
  eventTypes: [
    'RegionRegistered',
    'GoLiveDeclared',
    'VisitPolicyAdopted',
    'VisitRecorded',
    'HandoverNotConnected',
    'VisitOverdue',
    'HouseholdRegistered',
    'CadreAssigned',
    'AssignmentEnded',
    'HouseholdRelapsed',
    'HouseholdRemoved',
    'WorkTeamReportMissed',
    'JointMeetingMissed',
  ],
  tables: ['flags', 'flag_policies', 'flag_visits', 'flag_holders', 'flag_pending_gaps', 'flag_divisions'],
  schema: `
    ${flagTableSql('flags')}
    CREATE INDEX {flags}_by_household ON {flags} (household_id, type);
    CREATE TABLE {flag_policies} (
      region_code TEXT NOT NULL, version INTEGER NOT NULL, policy TEXT NOT NULL, PRIMARY KEY (region_code, version));
    CREATE TABLE {flag_visits} (
      cadre_id TEXT NOT NULL, occurred_at TEXT NOT NULL, visit_id TEXT NOT NULL, event_id TEXT NOT NULL, village_code TEXT NOT NULL,
      household_id TEXT NOT NULL, by_responsible INTEGER NOT NULL, pending INTEGER NOT NULL,
      PRIMARY KEY (cadre_id, occurred_at, visit_id)) WITHOUT ROWID;
    CREATE TABLE {flag_holders} (
      household_id TEXT PRIMARY KEY, village_code TEXT NOT NULL, cadre_id TEXT, gap_since TEXT, gap_event_id TEXT);
    CREATE TABLE {flag_pending_gaps} (
      household_id TEXT NOT NULL, village_code TEXT NOT NULL, from_at TEXT NOT NULL, to_at TEXT NOT NULL, event_ids TEXT NOT NULL);
    CREATE TABLE {flag_divisions} (code TEXT PRIMARY KEY, onboarding INTEGER NOT NULL, go_live_at TEXT);`,
  apply(event, view) {
    const e = event as unknown as
      | HouseholdEvent
      | VisitPolicyEvent
      | RegionEvent
      | Extract<VillageEvent, { type: 'WorkTeamReportMissed' }>
      | Extract<SupportSystemEvent, { type: 'JointMeetingMissed' }>;
    switch (e.type) {
      case 'RegionRegistered':
        if (e.data.onboarding) view.run('INSERT OR IGNORE INTO {flag_divisions} (code, onboarding) VALUES (?, 1)', e.data.code);
        return;
      case 'GoLiveDeclared':
        // Flags already raised stand (a late date erases nothing); what onboarding held back is judged now.
        view.run(
          `INSERT INTO {flag_divisions} (code, onboarding, go_live_at) VALUES (?, 0, ?)
           ON CONFLICT (code) DO UPDATE SET go_live_at = excluded.go_live_at`,
          e.data.code,
          e.data.goLiveAt,
        );
        return releaseOnboarding(view, event, e.data.code, e.data.goLiveAt);
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
      case 'WorkTeamReportMissed':
        // Raised by the deadline check, which only runs for months judged (from the go-live on).
        return raise(view, event, {
          flagId: `WORK_TEAM_REPORT_MISSED:${e.data.villageCode}:${e.data.month}`,
          type: 'WORK_TEAM_REPORT_MISSED',
          householdId: null,
          villageCode: e.data.villageCode,
          cadreId: e.data.firstSecretaryId,
          occurredAt: e.data.dueAt,
          details: { month: e.data.month, dueAt: e.data.dueAt, memberIds: e.data.memberIds },
        });
      case 'JointMeetingMissed':
        return raise(view, event, {
          flagId: `JOINT_MEETING_MISSED:${e.data.systemId}:${e.data.quarter}`,
          type: 'JOINT_MEETING_MISSED',
          householdId: null,
          villageCode: e.data.regionCode,
          cadreId: null,
          occurredAt: event.metadata.occurredAt,
          details: { systemId: e.data.systemId, quarter: e.data.quarter, leadUnitId: e.data.leadUnitId, leadUnitName: e.data.leadUnitName },
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

type VisitFacts = Pick<
  Extract<HouseholdEvent, { type: 'VisitRecorded' }>['data'],
  'visitId' | 'householdId' | 'villageCode' | 'cadreId' | 'occurredAt' | 'byResponsibleCadre'
>;

function flagVisit(event: RecordedEvent, visit: VisitFacts, view: ViewWriter): void {
  const { onboarding, from } = judging(view, visit.villageCode);
  // A visit before go-live is migrated history, judged by no rule; one entered while onboarding waits for the
  // go-live. Both are kept, so a live visit at the same time in another village is still seen as simultaneous.
  if (!onboarding && (from === null || visit.occurredAt >= from)) judgeVisit(event, visit, view, { eventId: event.id, enteredLive: true });
  view.run(
    `INSERT OR IGNORE INTO {flag_visits} (visit_id, event_id, cadre_id, village_code, household_id, occurred_at, by_responsible, pending)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    visit.visitId,
    event.id,
    visit.cadreId,
    visit.villageCode,
    visit.householdId,
    visit.occurredAt,
    visit.byResponsibleCadre ? 1 : 0,
    onboarding ? 1 : 0,
  );
}

/**
 * `enteredLive`: recorded by live work, so its recording lag says something (补录); a visit entered while
 * onboarding was recorded late by the migration itself, and is judged on everything but the lag.
 */
function judgeVisit(cause: RecordedEvent, visit: VisitFacts, view: ViewWriter, entry: { eventId: string; enteredLive: boolean }): void {
  const policy = policyAt(view, visit.villageCode, visit.occurredAt);
  const base = { householdId: visit.householdId, villageCode: visit.villageCode, cadreId: visit.cadreId, occurredAt: visit.occurredAt };
  const lagDays = (Date.parse(cause.metadata.recordedAt) - Date.parse(visit.occurredAt)) / 86_400_000;
  if (entry.enteredLive && lagDays > policy.backfillDays) {
    raise(view, cause, {
      eventIds: [entry.eventId],
      ...base,
      flagId: `BACKFILLED_VISIT:${visit.visitId}`,
      type: 'BACKFILLED_VISIT',
      details: { visitId: visit.visitId, lagDays: Math.floor(lagDays), thresholdDays: policy.backfillDays, policyVersion: policy.version },
    });
  }
  if (!visit.byResponsibleCadre) {
    raise(view, cause, {
      eventIds: [entry.eventId],
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
    raise(view, cause, {
      ...base,
      flagId: `SIMULTANEOUS_VISITS:${first}:${second}`,
      type: 'SIMULTANEOUS_VISITS',
      details: {
        visits: [other.visit_id, visit.visitId],
        villages: [other.village_code, visit.villageCode],
        minutesApart: Math.round(Math.abs(t - Date.parse(other.occurred_at)) / 60_000),
        thresholdMinutes: policy.simultaneousMinutes,
      },
      eventIds: [other.event_id, entry.eventId],
    });
  }
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
 * A go-live brings its villages out of onboarding: the visits entered meanwhile are judged (those on or after
 * the go-live; not on their recording lag, which is the migration's), and a household still without a cadre
 * has an assignment gap from the go-live on.
 */
function releaseOnboarding(view: ViewWriter, event: RecordedEvent, code: string, goLiveAt: string): void {
  const [low, high] = codesUnder(regionPrefix(code));
  const pending = view.all<VisitFacts & { eventId: string; byResponsible: number }>(
    `SELECT visit_id AS visitId, household_id AS householdId, village_code AS villageCode, cadre_id AS cadreId,
       occurred_at AS occurredAt, by_responsible AS byResponsible, event_id AS eventId
     FROM {flag_visits} WHERE pending = 1 AND village_code >= ? AND village_code < ? ORDER BY occurred_at, visit_id`,
    low,
    high,
  );
  for (const visit of pending) {
    if (judging(view, visit.villageCode).onboarding) continue;
    view.run(
      'UPDATE {flag_visits} SET pending = 0 WHERE cadre_id = ? AND occurred_at = ? AND visit_id = ?',
      visit.cadreId,
      visit.occurredAt,
      visit.visitId,
    );
    if (visit.occurredAt < goLiveAt) continue;
    judgeVisit(event, { ...visit, byResponsibleCadre: visit.byResponsible === 1 }, view, { eventId: visit.eventId, enteredLive: false });
  }
  releaseGaps(view, event, low, high, goLiveAt);
}
