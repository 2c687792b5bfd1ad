import type { SupportSystemEvent } from '@bangfu/domain';
import type { RecordedEvent } from '@bangfu/eventstore';
import type { ProcessManager, Reaction } from '../process/process-manager';

/**
 * 联席会议 on durable timers: each quarter of a 帮扶体系 is closed at its end (the next quarter's close set on the
 * record), and a quarter closed without a meeting is escalated to the division's office when its days have passed.
 */
export const jointMeetingsProcess: ProcessManager = {
  name: 'joint-meetings',
  eventTypes: ['SupportSystemRegistered', 'MeetingQuarterClosed', 'JointMeetingMissed'],
  react(event: RecordedEvent): Reaction[] {
    const e = event as unknown as Extract<
      SupportSystemEvent,
      { type: 'SupportSystemRegistered' | 'MeetingQuarterClosed' | 'JointMeetingMissed' }
    >;
    switch (e.type) {
      case 'SupportSystemRegistered':
        return [
          quarterTimer(
            'meetingclose',
            e.data.systemId,
            e.data.firstQuarter,
            e.data.firstCheckAt,
            'CloseMeetingQuarter',
            '联席会议季度检查',
          ),
        ];
      case 'MeetingQuarterClosed':
        return [
          quarterTimer('meetingclose', e.data.systemId, e.data.nextQuarter, e.data.nextCheckAt, 'CloseMeetingQuarter', '联席会议季度检查'),
        ];
      case 'JointMeetingMissed':
        return [
          quarterTimer('meetingescalate', e.data.systemId, e.data.quarter, e.data.escalateAt, 'EscalateJointMeeting', '联席会议未召开上报'),
        ];
    }
  },
};

function quarterTimer(
  prefix: string,
  systemId: string,
  quarter: string,
  dueAt: string,
  type: 'CloseMeetingQuarter' | 'EscalateJointMeeting',
  purpose: string,
): Reaction {
  return {
    timer: {
      timerId: `${prefix}-${systemId}-${quarter}`,
      dueAt,
      command: { type, data: { systemId, quarter } },
      purpose: `${quarter} ${purpose}`,
    },
  };
}
