import { assertNever, type Decider, type DecisionContext } from '../../shared/decider';
import { DomainError } from '../../shared/domain-error';
import { dayStart, shanghaiDate } from '../../shared/shanghai-time';
import { isPeriod, nextPeriod, periodStart } from '../../task/recurring-task.decider';
import { RegionNotRegisteredError, UnitNotFoundError } from '../unit/unit.decider';

/**
 * A 帮扶体系 (seed 001 五(一)): the units that help in a division, one of them the 组长单位 that convenes them. Its
 * members meet every quarter (帮扶成员单位联席会议).
 */
export interface SupportSystemSpec {
  systemId: string;
  name: string;
  regionCode: string;
  leadUnitId: string;
  memberUnitIds: string[];
  /** The first quarter a joint meeting is owed ('YYYY-Qn'). */
  firstQuarter: string;
}

export interface JointMeeting {
  systemId: string;
  meetingId: string;
  quarter: string;
  /** The Shanghai day it was held. */
  heldOn: string;
  /** The member units present (the 组长单位 among them). */
  attendance: string[];
  decisions: string[];
}

export type SupportSystemCommand =
  | { type: 'RegisterSupportSystem'; data: SupportSystemSpec }
  | { type: 'RecordJointMeeting'; data: JointMeeting }
  | { type: 'CloseMeetingQuarter'; data: { systemId: string; quarter: string } }
  | { type: 'EscalateJointMeeting'; data: { systemId: string; quarter: string } };

export interface SupportSystemFacts {
  RegisterSupportSystem: { regionRegistered: boolean; unregisteredUnits: readonly string[]; leadUnitName: string | null };
}

/** Days after a quarter with no joint meeting before it is escalated to the division's office. */
export const JOINT_MEETING_ESCALATION_DAYS = 15;

export type SupportSystemEvent =
  | { type: 'SupportSystemRegistered'; data: SupportSystemSpec & { leadUnitName: string; firstCheckAt: string } }
  | { type: 'JointMeetingHeld'; data: JointMeeting & { recordedBy: string } }
  | { type: 'MeetingQuarterClosed'; data: { systemId: string; quarter: string; held: boolean; nextQuarter: string; nextCheckAt: string } }
  | {
      type: 'JointMeetingMissed';
      data: { systemId: string; quarter: string; regionCode: string; leadUnitId: string; leadUnitName: string; escalateAt: string };
    }
  | { type: 'JointMeetingEscalated'; data: { systemId: string; quarter: string; escalatedTo: string } };

export type SupportSystemState =
  | { registered: false }
  | {
      registered: true;
      spec: SupportSystemSpec & { leadUnitName: string };
      heldQuarters: Set<string>;
      meetingIds: Set<string>;
      closedQuarters: Set<string>;
      missedQuarters: Set<string>;
      escalatedQuarters: Set<string>;
    };

export class SupportSystemNotFoundError extends DomainError {
  readonly code = 'SUPPORT_SYSTEM_NOT_FOUND';
  override readonly kind = 'not_found' as const;
}
export class SupportSystemAlreadyRegisteredError extends DomainError {
  readonly code = 'SUPPORT_SYSTEM_ALREADY_REGISTERED';
}
export class InvalidJointMeetingError extends DomainError {
  readonly code = 'INVALID_JOINT_MEETING';
  override readonly kind = 'invalid' as const;
}
export class MeetingAlreadyRecordedError extends DomainError {
  readonly code = 'MEETING_ALREADY_RECORDED';
}

export function supportSystemStreamId(systemId: string): string {
  return `supportsystem-${systemId}`;
}

const DAY = 86_400_000;
const QUARTERLY = 'quarterly' as const;

export const supportSystemDecider: Decider<SupportSystemCommand, SupportSystemEvent, SupportSystemState, SupportSystemFacts> = {
  initialState: () => ({ registered: false }),
  evolve(state, event) {
    if (event.type === 'SupportSystemRegistered') {
      const { firstCheckAt: _check, ...spec } = event.data;
      const none = () => new Set<string>();
      return {
        registered: true,
        spec,
        heldQuarters: none(),
        meetingIds: none(),
        closedQuarters: none(),
        missedQuarters: none(),
        escalatedQuarters: none(),
      };
    }
    if (!state.registered) return state;
    const add = (set: Set<string>, value: string) => new Set(set).add(value);
    switch (event.type) {
      case 'JointMeetingHeld':
        return {
          ...state,
          heldQuarters: add(state.heldQuarters, event.data.quarter),
          meetingIds: add(state.meetingIds, event.data.meetingId),
        };
      case 'MeetingQuarterClosed':
        return { ...state, closedQuarters: add(state.closedQuarters, event.data.quarter) };
      case 'JointMeetingMissed':
        return { ...state, missedQuarters: add(state.missedQuarters, event.data.quarter) };
      case 'JointMeetingEscalated':
        return { ...state, escalatedQuarters: add(state.escalatedQuarters, event.data.quarter) };
      default:
        return assertNever(event);
    }
  },
  decide(command, state, context) {
    if (command.type === 'RegisterSupportSystem') {
      if (state.registered) throw new SupportSystemAlreadyRegisteredError(`support system ${command.data.systemId} is already registered`);
      const { regionRegistered, unregisteredUnits, leadUnitName } = command.facts;
      const spec = command.data;
      if (!regionRegistered) throw new RegionNotRegisteredError(`division ${spec.regionCode} is not registered`, { field: 'regionCode' });
      if (unregisteredUnits.length > 0 || leadUnitName === null) {
        throw new UnitNotFoundError(`not registered: ${[...unregisteredUnits].join(', ') || spec.leadUnitId}`, { field: 'memberUnitIds' });
      }
      if (!isPeriod(QUARTERLY, spec.firstQuarter))
        throw new InvalidJointMeetingError('firstQuarter must be YYYY-Qn', { field: 'firstQuarter' });
      const memberUnitIds = [...new Set([spec.leadUnitId, ...spec.memberUnitIds])];
      const firstCheckAt = periodStart(QUARTERLY, nextPeriod(QUARTERLY, spec.firstQuarter));
      return [{ type: 'SupportSystemRegistered', data: { ...spec, memberUnitIds, leadUnitName, firstCheckAt } }];
    }
    if (!state.registered) throw new SupportSystemNotFoundError(`no support system ${command.data.systemId}`);
    switch (command.type) {
      case 'RecordJointMeeting':
        return recordMeeting(command.data, state, context);
      case 'CloseMeetingQuarter':
        return closeQuarter(command.data.quarter, state);
      case 'EscalateJointMeeting': {
        const { quarter } = command.data;
        if (!state.missedQuarters.has(quarter) || state.heldQuarters.has(quarter) || state.escalatedQuarters.has(quarter)) return [];
        return [{ type: 'JointMeetingEscalated', data: { systemId: state.spec.systemId, quarter, escalatedTo: state.spec.regionCode } }];
      }
      default:
        return assertNever(command);
    }
  },
};

type Registered = Extract<SupportSystemState, { registered: true }>;

/** 联席会议: held within its quarter, not in the future, attended by the 组长单位 and only by members. */
function recordMeeting(meeting: JointMeeting, state: Registered, { now, actor }: DecisionContext): SupportSystemEvent[] {
  const { quarter, heldOn, attendance } = meeting;
  if (state.meetingIds.has(meeting.meetingId)) throw new MeetingAlreadyRecordedError(`meeting ${meeting.meetingId} is already recorded`);
  if (!isPeriod(QUARTERLY, quarter)) throw new InvalidJointMeetingError('quarter must be YYYY-Qn', { field: 'quarter' });
  const start = periodStart(QUARTERLY, quarter);
  const end = periodStart(QUARTERLY, nextPeriod(QUARTERLY, quarter));
  const held = dayStart(heldOn);
  if (held < start || held >= end) throw new InvalidJointMeetingError(`${heldOn} is not in ${quarter}`, { field: 'heldOn' });
  if (heldOn > shanghaiDate(now)) throw new InvalidJointMeetingError(`${heldOn} is in the future`, { field: 'heldOn' });
  const strangers = attendance.filter((unitId) => !state.spec.memberUnitIds.includes(unitId));
  if (strangers.length > 0) throw new InvalidJointMeetingError(`not members: ${strangers.join(', ')}`, { field: 'attendance' });
  if (!attendance.includes(state.spec.leadUnitId)) {
    throw new InvalidJointMeetingError('the 组长单位 convenes the meeting: it must be among those present', { field: 'attendance' });
  }
  return [{ type: 'JointMeetingHeld', data: { ...meeting, recordedBy: actor.id } }];
}

/** At a quarter's end: closed once, the next quarter's check set, and a quarter without a meeting marked missed. */
function closeQuarter(quarter: string, state: Registered): SupportSystemEvent[] {
  if (state.closedQuarters.has(quarter)) return [];
  const { systemId, regionCode, leadUnitId, leadUnitName } = state.spec;
  const next = nextPeriod(QUARTERLY, quarter);
  const nextCheckAt = periodStart(QUARTERLY, nextPeriod(QUARTERLY, next));
  const held = state.heldQuarters.has(quarter);
  const closed: SupportSystemEvent = { type: 'MeetingQuarterClosed', data: { systemId, quarter, held, nextQuarter: next, nextCheckAt } };
  if (held) return [closed];
  const escalateAt = new Date(Date.parse(periodStart(QUARTERLY, next)) + JOINT_MEETING_ESCALATION_DAYS * DAY).toISOString();
  return [closed, { type: 'JointMeetingMissed', data: { systemId, quarter, regionCode, leadUnitId, leadUnitName, escalateAt } }];
}
