import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { Actor } from '@bangfu/domain';
import { ReadStore } from '@bangfu/projections';
import { jurisdictionRange } from '../../access/jurisdiction';
import { visibleCadre } from './cadre.queries';

/** 责任回溯 of a cadre: what the record said at `knownAt` about the period [from, to). */
export class GetCadreRecord {
  constructor(
    readonly actor: Actor,
    readonly cadreId: string,
    readonly from: string,
    readonly to: string,
    readonly knownAt: string,
  ) {}
}

const DAY = 86_400_000;
/** Visits listed one by one; the months count them all. */
const VISIT_LIST_LIMIT = 500;

/**
 * Who held what, when, what they did and what they missed, for one cadre and a period, as the record stood at
 * `knownAt`: responsibility periods by their record time (a later correction does not rewrite what was known),
 * visits recorded by then, overdue months marked by then, 对接 missed raised by then, and the exit steps they
 * acted on. Only work in the reader's jurisdiction is shown (as for the cadre's activity).
 */
@QueryHandler(GetCadreRecord)
export class GetCadreRecordHandler implements IQueryHandler<GetCadreRecord> {
  constructor(private readonly views: ReadStore) {}

  async execute({ actor, cadreId, from, to, knownAt }: GetCadreRecord) {
    const cadre = visibleCadre(this.views, actor, cadreId);
    const range = jurisdictionRange(actor);
    const held = this.views
      .prepare(
        `SELECT household_id, village_code, valid_from, valid_to, recorded_from, reason, connect_by FROM responsibility
          WHERE cadre_id = ? AND village_code >= ? AND village_code < ? AND valid_from < ? AND (valid_to IS NULL OR valid_to > ?)
            AND recorded_from <= ? AND (recorded_to IS NULL OR recorded_to > ?)
          ORDER BY valid_from, household_id`,
      )
      .all(cadreId, ...range, to, from, knownAt, knownAt) as Record<string, string | null>[];
    const visitFilter = `cadre_id = ? AND village_code >= ? AND village_code < ? AND occurred_at >= ? AND occurred_at < ? AND recorded_at <= ?`;
    const visitArgs = [cadreId, ...range, from, to, knownAt];
    const byMonth = this.views
      .prepare(
        `SELECT month, COUNT(*) AS visits, COUNT(DISTINCT household_id) AS households, SUM(by_responsible) AS own
           FROM visits WHERE ${visitFilter} AND retracted = 0 GROUP BY month ORDER BY month`,
      )
      .all(...visitArgs) as { month: string; visits: number; households: number; own: number }[];
    const visits = this.views
      .prepare(
        `SELECT visit_id, household_id, kind, occurred_at, recorded_at, lag_ms, by_responsible, retracted FROM visits
          WHERE ${visitFilter} ORDER BY occurred_at DESC LIMIT ?`,
      )
      .all(...visitArgs, VISIT_LIST_LIMIT) as {
      visit_id: string;
      household_id: string;
      kind: string;
      occurred_at: string;
      recorded_at: string;
      lag_ms: number;
      by_responsible: number;
      retracted: number;
    }[];
    const overdue = this.views
      .prepare(
        `SELECT household_id, month, required, made, marked_at, reminded_at, escalated_at, caught_up_at FROM overdue_visits
          WHERE cadre_id = ? AND village_code >= ? AND village_code < ? AND month_end > ? AND month_end <= ? AND marked_at <= ?
          ORDER BY month, household_id`,
      )
      .all(cadreId, ...range, from, to, knownAt) as Record<string, string | number | null>[];
    const notConnected = this.views
      .prepare(
        `SELECT flag_id, household_id, occurred_at, raised_at, event_ids FROM flags
          WHERE type = 'HANDOVER_NOT_CONNECTED' AND cadre_id = ? AND village_code >= ? AND village_code < ?
            AND occurred_at >= ? AND occurred_at < ? AND raised_at <= ? ORDER BY occurred_at`,
      )
      .all(cadreId, ...range, from, to, knownAt) as Record<string, string>[];
    const exitSteps = this.views
      .prepare(
        `SELECT s.exit_id, s.step, s.action, s.at, s.event_id, i.subject_id FROM exit_steps s JOIN exit_instances i ON i.exit_id = s.exit_id
          WHERE s.actor_id = ? AND i.village_code >= ? AND i.village_code < ? AND s.at >= ? AND s.at < ? AND s.at <= ? ORDER BY s.at`,
      )
      .all(cadreId, ...range, from, to, knownAt) as Record<string, string>[];
    const known = (at: string | number | null) => (typeof at === 'string' && at <= knownAt ? at : null);
    return {
      cadre: { cadreId, name: cadre.name, unitName: cadre.unit_name, regionCode: cadre.region_code },
      period: { from, to },
      knownAt,
      held: held.map((row) => ({
        householdId: row.household_id,
        villageCode: row.village_code,
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
          householdId: v.household_id,
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
          month: row.month,
          required: row.required,
          made: row.made,
          remindedAt: known(row.reminded_at),
          escalatedAt: known(row.escalated_at),
          caughtUpAt: known(row.caught_up_at),
        })),
        handoversNotConnected: notConnected.map((row) => ({
          flagId: row.flag_id,
          householdId: row.household_id,
          occurredAt: row.occurred_at,
          eventIds: JSON.parse(row.event_ids) as string[],
        })),
      },
      exitSteps: exitSteps.map((row) => ({
        exitId: row.exit_id,
        householdId: row.subject_id,
        step: row.step,
        action: row.action,
        at: row.at,
        eventId: row.event_id,
      })),
    };
  }
}
