import { specFor } from '@bangfu/testing';
import { supportSystemDecider, type SupportSystemEvent } from './support-system.decider';

const spec = specFor(supportSystemDecider);
const system = {
  systemId: 'antu-jiaoyu',
  name: '教育帮扶体系',
  regionCode: '222426',
  leadUnitId: 'edu',
  memberUnitIds: ['edu', 'health'],
  firstQuarter: '2026-Q1',
};
const registered: SupportSystemEvent = {
  type: 'SupportSystemRegistered',
  data: { ...system, leadUnitName: '县教育局', firstCheckAt: '2026-03-31T16:00:00.000Z' },
};
const meeting = {
  systemId: 'antu-jiaoyu',
  meetingId: 'q1',
  quarter: '2026-Q1',
  heldOn: '2026-03-20',
  attendance: ['edu', 'health'],
  decisions: ['落实助学'],
};
const inApril = { now: new Date('2026-04-02T02:00:00.000Z') };
const held: SupportSystemEvent = { type: 'JointMeetingHeld', data: { ...meeting, recordedBy: 'tester' } };
const close = { type: 'CloseMeetingQuarter' as const, data: { systemId: 'antu-jiaoyu', quarter: '2026-Q1' } };
const closed = (wasHeld: boolean): SupportSystemEvent => ({
  type: 'MeetingQuarterClosed',
  data: { systemId: 'antu-jiaoyu', quarter: '2026-Q1', held: wasHeld, nextQuarter: '2026-Q2', nextCheckAt: '2026-06-30T16:00:00.000Z' },
});
const missed: SupportSystemEvent = {
  type: 'JointMeetingMissed',
  data: {
    systemId: 'antu-jiaoyu',
    quarter: '2026-Q1',
    regionCode: '222426',
    leadUnitId: 'edu',
    leadUnitName: '县教育局',
    escalateAt: '2026-04-15T16:00:00.000Z',
  },
};

describe('帮扶体系 and its quarterly joint meeting (联席会议)', () => {
  it('registers with its 组长单位 among the members, checked at the end of its first quarter', () => {
    const facts = { regionRegistered: true, unregisteredUnits: [], leadUnitName: '县教育局' };
    spec
      .given([])
      .when({ type: 'RegisterSupportSystem', data: { ...system, memberUnitIds: ['health'] }, facts })
      .then([registered]);
    spec
      .given([])
      .when({ type: 'RegisterSupportSystem', data: system, facts: { ...facts, unregisteredUnits: ['health'] } })
      .then({ code: 'UNIT_NOT_FOUND' });
    spec
      .given([registered])
      .when({ type: 'RegisterSupportSystem', data: system, facts })
      .then({ code: 'SUPPORT_SYSTEM_ALREADY_REGISTERED' });
  });

  it('records a meeting held in its quarter with the 组长单位 present, and refuses one outside it, in the future, or without the lead', () => {
    spec.given([registered]).when({ type: 'RecordJointMeeting', data: meeting }, inApril).then([held]);
    spec
      .given([registered])
      .when({ type: 'RecordJointMeeting', data: { ...meeting, heldOn: '2026-04-01' } }, inApril)
      .then({ code: 'INVALID_JOINT_MEETING' });
    spec
      .given([registered])
      .when({ type: 'RecordJointMeeting', data: { ...meeting, quarter: '2026-Q2', heldOn: '2026-04-03' } }, inApril)
      .then({ code: 'INVALID_JOINT_MEETING' });
    spec
      .given([registered])
      .when({ type: 'RecordJointMeeting', data: { ...meeting, attendance: ['health'] } }, inApril)
      .then({ code: 'INVALID_JOINT_MEETING' });
    spec
      .given([registered])
      .when({ type: 'RecordJointMeeting', data: { ...meeting, attendance: ['edu', 'stranger'] } }, inApril)
      .then({ code: 'INVALID_JOINT_MEETING' });
    spec.given([registered, held]).when({ type: 'RecordJointMeeting', data: meeting }, inApril).then({ code: 'MEETING_ALREADY_RECORDED' });
  });

  it('closes a quarter once, marking it missed when no meeting was held, and escalates a missed one unless held since', () => {
    spec
      .given([registered, held])
      .when(close)
      .then([closed(true)]);
    spec
      .given([registered])
      .when(close)
      .then([closed(false), missed]);
    spec
      .given([registered, closed(false), missed])
      .when(close)
      .then([]);
    const escalate = { type: 'EscalateJointMeeting' as const, data: { systemId: 'antu-jiaoyu', quarter: '2026-Q1' } };
    spec
      .given([registered, closed(false), missed])
      .when(escalate)
      .then([{ type: 'JointMeetingEscalated', data: { systemId: 'antu-jiaoyu', quarter: '2026-Q1', escalatedTo: '222426' } }]);
    spec
      .given([registered, closed(false), missed, held])
      .when(escalate)
      .then([]);
  });

  it('answers a system never registered as not found', () => {
    spec.given([]).when(close).then({ code: 'SUPPORT_SYSTEM_NOT_FOUND' });
  });
});
