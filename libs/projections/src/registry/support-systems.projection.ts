import { codesUnder, type SupportSystemEvent } from '@bangfu/domain';
import type { Projection } from '../projection';
import type { ReadStore } from '../store/read-store';

export interface SupportSystemRow {
  system_id: string;
  region_code: string;
  name: string;
  lead_unit_id: string;
  lead_unit_name: string;
  /** JSON: the member units' ids. */
  member_unit_ids: string;
  first_quarter: string;
  /** JSON: each quarter closed or met in — its meetings, whether one was held, missed, escalated. */
  quarters: string;
}

interface QuarterEntry {
  quarter: string;
  meetings: { meetingId: string; heldOn: string; attendance: string[]; decisions: string[]; eventId: string }[];
  status: 'held' | 'missed' | 'open';
  escalatedTo: string | null;
}

/** 帮扶体系 with their quarters: the joint meetings held, the quarters missed and escalated. */
export const supportSystemsProjection: Projection = {
  name: 'support-systems',
  version: 1,
  eventTypes: ['SupportSystemRegistered', 'JointMeetingHeld', 'JointMeetingMissed', 'JointMeetingEscalated'],
  tables: ['support_systems'],
  schema: `
    CREATE TABLE {support_systems} (
      system_id TEXT PRIMARY KEY, region_code TEXT NOT NULL, name TEXT NOT NULL, lead_unit_id TEXT NOT NULL, lead_unit_name TEXT NOT NULL,
      member_unit_ids TEXT NOT NULL, first_quarter TEXT NOT NULL, quarters TEXT NOT NULL);
    CREATE INDEX {support_systems}_by_region ON {support_systems} (region_code);`,
  apply(event, view) {
    const e = event as unknown as SupportSystemEvent;
    if (e.type === 'SupportSystemRegistered') {
      const s = e.data;
      view.run(
        'INSERT OR IGNORE INTO {support_systems} VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        s.systemId,
        s.regionCode,
        s.name,
        s.leadUnitId,
        s.leadUnitName,
        JSON.stringify(s.memberUnitIds),
        s.firstQuarter,
        '[]',
      );
      return;
    }
    if (e.type === 'MeetingQuarterClosed') return;
    const row = view.get<{ quarters: string }>('SELECT quarters FROM {support_systems} WHERE system_id = ?', e.data.systemId);
    if (!row) return;
    const quarters = JSON.parse(row.quarters) as QuarterEntry[];
    const entry =
      quarters.find((q) => q.quarter === e.data.quarter) ??
      (quarters.push({ quarter: e.data.quarter, meetings: [], status: 'open', escalatedTo: null }), quarters.at(-1) as QuarterEntry);
    if (e.type === 'JointMeetingHeld') {
      const { meetingId, heldOn, attendance, decisions } = e.data;
      entry.meetings.push({ meetingId, heldOn, attendance, decisions, eventId: event.id });
      entry.status = 'held';
    } else if (e.type === 'JointMeetingMissed') {
      if (entry.status === 'open') entry.status = 'missed';
    } else {
      entry.escalatedTo = e.data.escalatedTo;
    }
    quarters.sort((a, b) => a.quarter.localeCompare(b.quarter));
    view.run('UPDATE {support_systems} SET quarters = ? WHERE system_id = ?', JSON.stringify(quarters), e.data.systemId);
  },
};

/** A division's 帮扶体系 (and those of the divisions under it). */
export function supportSystemsIn(views: ReadStore, regionPrefix: string): SupportSystemRow[] {
  return views
    .prepare('SELECT * FROM support_systems WHERE region_code >= ? AND region_code < ? ORDER BY system_id')
    .all(...codesUnder(regionPrefix)) as SupportSystemRow[];
}
