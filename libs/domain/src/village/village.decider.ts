import { assertNever, type Decider } from '../shared/decider';
import { DomainError } from '../shared/domain-error';
import { isMonth } from '../shared/shanghai-time';
import { RegionNotRegisteredError, UnitNotFoundError } from '../registry/unit/unit.decider';
import { AssignmentOutOfOrderError, CadreNotFoundError } from '../household/household-errors';
import { notAfterNow } from '../household/household-guards';

export interface UnitPeriod {
  unitId: string;
  from: string;
  to: string | null;
}

export interface TeamPeriod {
  memberIds: string[];
  firstSecretaryId: string;
  from: string;
  to: string | null;
}

export type VillageCommand =
  | {
      type: 'AssignUnitToVillage';
      data: { villageCode: string; unitId: string; from: string; reason: string };
    }
  | {
      type: 'AssignWorkTeam';
      data: {
        villageCode: string;
        memberIds: string[];
        firstSecretaryId: string;
        from: string;
        reason: string;
      };
    }
  | { type: 'CloseVisitMonth'; data: { villageCode: string; month: string } }
  | { type: 'MarkVillageExited'; data: { villageCode: string; exitedAt: string; exitId: string } };

/** What the village's handler reads from the unit, cadre and region streams for a decision. */
export interface VillageFacts {
  AssignUnitToVillage: { unitRegistered: boolean; villageRegistered: boolean };
  AssignWorkTeam: { unregisteredCadres: readonly string[]; villageRegistered: boolean };
}

export type VillageEvent =
  | {
      type: 'UnitAssignedToVillage';
      data: { villageCode: string; unitId: string; from: string; previousUnitId: string | null; reason: string };
    }
  | {
      type: 'WorkTeamAssigned';
      data: { villageCode: string; memberIds: string[]; firstSecretaryId: string; from: string; reason: string };
    }
  | { type: 'VisitMonthClosed'; data: { villageCode: string; month: string } }
  /** 贫困村出列, at the end of its exit case. The team and the unit stay (摘帽不摘帮扶). */
  | { type: 'VillageExited'; data: { villageCode: string; exitedAt: string; exitId: string } };

export interface VillageState {
  units: UnitPeriod[];
  teams: TeamPeriod[];
  closedMonths: Set<string>;
  exitId: string | null;
}

export class InvalidWorkTeamError extends DomainError {
  readonly code = 'INVALID_WORK_TEAM';
  override readonly kind = 'invalid' as const;
}

export function villageStreamId(villageCode: string): string {
  return `village-${villageCode}`;
}

/** Whether a cadre worked in the village at an instant: on its work team, or in the unit that held it. */
export function linkedToVillage(state: VillageState, cadreId: string, cadreUnitId: string | null, instant: string): boolean {
  const covering = <P extends { from: string; to: string | null }>(periods: P[]) =>
    periods.find((p) => Date.parse(p.from) <= Date.parse(instant) && (p.to === null || Date.parse(instant) < Date.parse(p.to)));
  const team = covering(state.teams);
  if (team && (team.memberIds.includes(cadreId) || team.firstSecretaryId === cadreId)) return true;
  return cadreUnitId !== null && covering(state.units)?.unitId === cadreUnitId;
}

function replacePeriod<P extends { from: string; to: string | null }>(periods: P[], next: P): P[] {
  const last = periods.at(-1);
  const closed = last && last.to === null ? [...periods.slice(0, -1), { ...last, to: next.from }] : periods;
  return [...closed, next];
}

function checkFrom(from: string, periods: { from: string }[], now: Date): void {
  notAfterNow(from, now, 'from');
  const last = periods.at(-1);
  if (last && Date.parse(from) < Date.parse(last.from)) {
    throw new AssignmentOutOfOrderError(`the current period began at ${last.from}; a new one cannot start before it`, { field: 'from' });
  }
}

/**
 * A poor village's 包村 unit and resident work team (驻村工作队, with its 第一书记), one stream per village.
 * Each is replaced by a successor, never left empty (因村派人精准); the month-end visit check runs here.
 */
export const villageDecider: Decider<VillageCommand, VillageEvent, VillageState, VillageFacts> = {
  initialState: () => ({ units: [], teams: [], closedMonths: new Set(), exitId: null }),
  evolve(state, event) {
    switch (event.type) {
      case 'UnitAssignedToVillage':
        return { ...state, units: replacePeriod(state.units, { unitId: event.data.unitId, from: event.data.from, to: null }) };
      case 'WorkTeamAssigned': {
        const { memberIds, firstSecretaryId, from } = event.data;
        return { ...state, teams: replacePeriod(state.teams, { memberIds, firstSecretaryId, from, to: null }) };
      }
      case 'VisitMonthClosed':
        return { ...state, closedMonths: new Set(state.closedMonths).add(event.data.month) };
      case 'VillageExited':
        return { ...state, exitId: event.data.exitId };
      default:
        return assertNever(event);
    }
  },
  decide(command, state, { now }) {
    switch (command.type) {
      case 'AssignUnitToVillage': {
        const { unitRegistered, villageRegistered } = command.facts;
        const assignment = command.data;
        if (!villageRegistered) throw new RegionNotRegisteredError(`village ${assignment.villageCode} is not registered`);
        if (!unitRegistered) throw new UnitNotFoundError(`unit ${assignment.unitId} is not registered`, { field: 'unitId' });
        const current = state.units.at(-1);
        if (current?.unitId === assignment.unitId) return [];
        checkFrom(assignment.from, state.units, now);
        return [{ type: 'UnitAssignedToVillage', data: { ...assignment, previousUnitId: current?.unitId ?? null } }];
      }
      case 'AssignWorkTeam': {
        const { unregisteredCadres, villageRegistered } = command.facts;
        const team = command.data;
        if (!villageRegistered) throw new RegionNotRegisteredError(`village ${team.villageCode} is not registered`);
        if (unregisteredCadres.length > 0) {
          throw new CadreNotFoundError(`not registered: ${unregisteredCadres.join(', ')}`, { field: 'memberIds' });
        }
        const memberIds = [...new Set([team.firstSecretaryId, ...team.memberIds])];
        if (memberIds.length > 20) throw new InvalidWorkTeamError('a work team has at most 20 members', { field: 'memberIds' });
        checkFrom(team.from, state.teams, now);
        return [{ type: 'WorkTeamAssigned', data: { ...team, memberIds } }];
      }
      case 'CloseVisitMonth':
        if (!isMonth(command.data.month)) throw new Error(`CloseVisitMonth for ${command.data.month}, which is not a month`);
        return state.closedMonths.has(command.data.month) ? [] : [{ type: 'VisitMonthClosed', data: command.data }];
      case 'MarkVillageExited':
        // Marked once, by the case that passed; the same case marking again is a replay.
        return state.exitId === null ? [{ type: 'VillageExited', data: command.data }] : [];
      default:
        return assertNever(command);
    }
  },
};
