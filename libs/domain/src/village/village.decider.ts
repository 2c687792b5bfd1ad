import { assertNever, type Decider } from '../shared/decider';
import { DomainError } from '../shared/domain-error';
import type { DecisionContext } from '../shared/decider';
import { isMonth, monthEnd, shanghaiMonth } from '../shared/shanghai-time';
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
  | { type: 'MarkVillageExited'; data: { villageCode: string; exitedAt: string; exitId: string } }
  | { type: 'FileWorkTeamReport'; data: WorkTeamReport }
  | { type: 'CheckWorkTeamReport'; data: { villageCode: string; month: string } }
  | { type: 'EscalateWorkTeamReport'; data: { villageCode: string; month: string } };

/** 驻村定期报告: what a work team reports on a month (seed 001 五(一)). */
export interface WorkTeamReport {
  villageCode: string;
  month: string;
  reportId: string;
  /** 工作开展情况: the month's work, in the team's words. */
  summary: string;
  /** 存在问题. */
  problems: string[];
  /** 下步打算. */
  nextSteps: string[];
}

/** What the village's handler reads from the unit, cadre and region streams for a decision. */
export interface VillageFacts {
  AssignUnitToVillage: { unitRegistered: boolean; villageRegistered: boolean };
  AssignWorkTeam: { unregisteredCadres: readonly string[]; villageRegistered: boolean };
  /** The visit policy's days for the team's report and for its escalation, in force at the month's end. */
  CloseVisitMonth: { teamReportDays: number; escalationDays: number };
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
  | {
      type: 'VisitMonthClosed';
      /** The report deadlines are absent on months closed before team reports were kept (none is owed for them). */
      data: { villageCode: string; month: string; teamReportDueAt?: string; teamReportEscalateAt?: string };
    }
  | { type: 'WorkTeamReportFiled'; data: WorkTeamReport & { filedBy: string; late: boolean } }
  | {
      type: 'WorkTeamReportMissed';
      data: { villageCode: string; month: string; firstSecretaryId: string; memberIds: string[]; dueAt: string; escalateAt: string };
    }
  | { type: 'WorkTeamReportEscalated'; data: { villageCode: string; month: string; escalatedTo: string; firstSecretaryId: string } }
  /** 贫困村出列, at the end of its exit case. The team and the unit stay (摘帽不摘帮扶). */
  | { type: 'VillageExited'; data: { villageCode: string; exitedAt: string; exitId: string } };

export interface VillageState {
  units: UnitPeriod[];
  teams: TeamPeriod[];
  closedMonths: Set<string>;
  exitId: string | null;
  /** Team reports filed, by month; months whose report was missed, with their deadlines; months escalated. */
  reports: Set<string>;
  reportDeadlines: Map<string, { dueAt: string; escalateAt: string }>;
  missedReports: Set<string>;
  escalatedReports: Set<string>;
}

export class NotOnWorkTeamError extends DomainError {
  readonly code = 'NOT_ON_WORK_TEAM';
  override readonly kind = 'forbidden' as const;
}
export class WorkTeamReportAlreadyFiledError extends DomainError {
  readonly code = 'WORK_TEAM_REPORT_ALREADY_FILED';
}
export class InvalidWorkTeamReportError extends DomainError {
  readonly code = 'INVALID_WORK_TEAM_REPORT';
  override readonly kind = 'invalid' as const;
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
  const team = covering(state.teams, instant);
  if (team && (team.memberIds.includes(cadreId) || team.firstSecretaryId === cadreId)) return true;
  return cadreUnitId !== null && covering(state.units, instant)?.unitId === cadreUnitId;
}

/** The period (a unit's, a team's) in force at an instant. */
function covering<P extends { from: string; to: string | null }>(periods: P[], instant: string): P | undefined {
  return periods.find((p) => Date.parse(p.from) <= Date.parse(instant) && (p.to === null || Date.parse(instant) < Date.parse(p.to)));
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
  initialState: () => ({
    units: [],
    teams: [],
    closedMonths: new Set(),
    exitId: null,
    reports: new Set(),
    reportDeadlines: new Map(),
    missedReports: new Set(),
    escalatedReports: new Set(),
  }),
  evolve(state, event) {
    switch (event.type) {
      case 'UnitAssignedToVillage':
        return { ...state, units: replacePeriod(state.units, { unitId: event.data.unitId, from: event.data.from, to: null }) };
      case 'WorkTeamAssigned': {
        const { memberIds, firstSecretaryId, from } = event.data;
        return { ...state, teams: replacePeriod(state.teams, { memberIds, firstSecretaryId, from, to: null }) };
      }
      case 'VisitMonthClosed': {
        const { month, teamReportDueAt, teamReportEscalateAt } = event.data;
        const reportDeadlines = new Map(state.reportDeadlines);
        if (teamReportDueAt && teamReportEscalateAt)
          reportDeadlines.set(month, { dueAt: teamReportDueAt, escalateAt: teamReportEscalateAt });
        return { ...state, closedMonths: new Set(state.closedMonths).add(month), reportDeadlines };
      }
      case 'WorkTeamReportFiled':
        return { ...state, reports: new Set(state.reports).add(event.data.month) };
      case 'WorkTeamReportMissed':
        return { ...state, missedReports: new Set(state.missedReports).add(event.data.month) };
      case 'WorkTeamReportEscalated':
        return { ...state, escalatedReports: new Set(state.escalatedReports).add(event.data.month) };
      case 'VillageExited':
        return { ...state, exitId: event.data.exitId };
      default:
        return assertNever(event);
    }
  },
  decide(command, state, context) {
    const { now } = context;
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
      case 'CloseVisitMonth': {
        const { month } = command.data;
        if (!isMonth(month)) throw new InvalidWorkTeamReportError(`${month} is not a month`, { field: 'month' });
        if (state.closedMonths.has(month)) return [];
        const after = (days: number) => new Date(Date.parse(monthEnd(month)) + days * DAY).toISOString();
        const { teamReportDays, escalationDays } = command.facts;
        const deadlines = { teamReportDueAt: after(teamReportDays), teamReportEscalateAt: after(teamReportDays + escalationDays) };
        return [{ type: 'VisitMonthClosed', data: { ...command.data, ...deadlines } }];
      }
      case 'FileWorkTeamReport':
        return fileReport(command.data, state, context);
      case 'CheckWorkTeamReport':
        return checkReport(command.data, state);
      case 'EscalateWorkTeamReport': {
        const { villageCode, month } = command.data;
        const team = covering(state.teams, monthEnd(month));
        if (!state.missedReports.has(month) || state.reports.has(month) || state.escalatedReports.has(month) || !team) return [];
        return [
          {
            type: 'WorkTeamReportEscalated',
            data: { villageCode, month, escalatedTo: villageCode.slice(0, 9), firstSecretaryId: team.firstSecretaryId },
          },
        ];
      }
      case 'MarkVillageExited':
        // Marked once, by the case that passed; the same case marking again is a replay.
        return state.exitId === null ? [{ type: 'VillageExited', data: command.data }] : [];
      default:
        return assertNever(command);
    }
  },
};

const DAY = 86_400_000;
/** Roles that record on a team's behalf (an office entering a paper report). */
const OFFICES = ['township-reviewer', 'county-admin', 'system'];

/** 驻村定期报告: filed once per month, by a member of the team that served then (or an office), no earlier than the month. */
function fileReport(report: WorkTeamReport, state: VillageState, { now, actor }: DecisionContext): VillageEvent[] {
  if (!isMonth(report.month)) throw new InvalidWorkTeamReportError(`${report.month} is not a month`, { field: 'month' });
  if (report.month > shanghaiMonth(now)) throw new InvalidWorkTeamReportError(`${report.month} has not begun`, { field: 'month' });
  if (report.summary.trim() === '') throw new InvalidWorkTeamReportError('a report says what the team did', { field: 'summary' });
  const team = covering(
    state.teams,
    report.month === shanghaiMonth(now) ? now.toISOString() : new Date(Date.parse(monthEnd(report.month)) - 1).toISOString(),
  );
  if (!team) throw new NotOnWorkTeamError(`village ${report.villageCode} had no work team in ${report.month}`);
  const office = actor.roles.some((role) => OFFICES.includes(role));
  if (!office && !team.memberIds.includes(actor.id)) {
    throw new NotOnWorkTeamError(`you are not on the work team of village ${report.villageCode} for ${report.month}`);
  }
  if (state.reports.has(report.month)) throw new WorkTeamReportAlreadyFiledError(`the report for ${report.month} is already filed`);
  const due = state.reportDeadlines.get(report.month)?.dueAt;
  return [
    { type: 'WorkTeamReportFiled', data: { ...report, filedBy: actor.id, late: due !== undefined && now.getTime() > Date.parse(due) } },
  ];
}

/** At the deadline: a month the team owed a report on, with none filed, is marked missed (once). */
function checkReport({ villageCode, month }: { villageCode: string; month: string }, state: VillageState): VillageEvent[] {
  const deadlines = state.reportDeadlines.get(month);
  const team = covering(state.teams, new Date(Date.parse(monthEnd(month)) - 1).toISOString());
  if (!deadlines || !team || state.reports.has(month) || state.missedReports.has(month)) return [];
  const { firstSecretaryId, memberIds } = team;
  return [{ type: 'WorkTeamReportMissed', data: { villageCode, month, firstSecretaryId, memberIds, ...deadlines } }];
}
