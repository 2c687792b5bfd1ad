import { dutyRecordRows, type DutyScope, type ReadStore } from '@bangfu/projections';
import { exitStepsTaken, procedureCatalog } from '@bangfu/workflow';

const DAY = 86_400_000;
const catalog = procedureCatalog();

/**
 * What the record said at `knownAt` about the period [from, to): responsibility periods by their record time (a
 * later correction does not rewrite what was known), visits recorded by then, overdue months marked by then, 对接
 * missed raised by then, and exit steps taken by then. Every entry carries the event it rests on, so a reviewer
 * can cite it as a case's grounds. Cadre names come from the registry (a cadre's name is not versioned).
 */
export function readDutyRecord(views: ReadStore, { cadreId, villages, from, to, knownAt }: DutyScope) {
  const { held, byMonth, visits, overdue, notConnected } = dutyRecordRows(views, { cadreId, villages, from, to, knownAt });
  const exitSteps = exitStepsTaken(views, { actorId: cadreId, villages, from, to, knownAt });
  const stepTitle = (row: (typeof exitSteps)[number]) =>
    catalog.version(row.definition_id, row.version)?.steps.find((step) => step.name === row.step)?.title ?? row.step;
  const known = (at: string | null) => (at !== null && at <= knownAt ? at : null);
  return {
    held: held.map((row) => ({
      householdId: row.household_id,
      villageCode: row.village_code,
      cadreId: row.cadre_id,
      cadreName: row.cadre_name,
      from: row.valid_from,
      to: row.valid_to,
      recordedFrom: row.recorded_from,
      reason: row.reason,
      connectBy: row.connect_by,
    })),
    visits: {
      byMonth,
      list: visits.map((v) => ({
        visitId: v.visit_id,
        eventId: v.event_id,
        householdId: v.household_id,
        cadreId: v.cadre_id,
        cadreName: v.cadre_name,
        kind: v.kind,
        occurredAt: v.occurred_at,
        recordedAt: v.recorded_at,
        lagDays: Math.floor(v.lag_ms / DAY),
        ownHousehold: v.by_responsible === 1,
        retracted: v.retracted === 1,
      })),
    },
    missed: {
      overdueMonths: overdue.map((row) => ({
        householdId: row.household_id,
        cadreId: row.cadre_id,
        cadreName: row.cadre_name,
        month: row.month,
        required: row.required,
        made: row.made,
        remindedAt: known(row.reminded_at),
        escalatedAt: known(row.escalated_at),
        caughtUpAt: known(row.caught_up_at),
        eventId: row.event_id,
      })),
      handoversNotConnected: notConnected.map((row) => ({
        flagId: row.flag_id,
        householdId: row.household_id,
        cadreId: row.cadre_id,
        cadreName: row.cadre_name,
        occurredAt: row.occurred_at,
        eventIds: JSON.parse(row.event_ids) as string[],
      })),
    },
    exitSteps: exitSteps.map((row) => ({
      exitId: row.exit_id,
      subjectKind: row.subject_kind,
      householdId: row.subject_kind === 'household' ? row.subject_id : null,
      step: row.step,
      title: stepTitle(row),
      action: row.action,
      actorId: row.actor_id,
      actorName: row.actor_name,
      at: row.at,
      eventId: row.event_id,
    })),
  };
}
