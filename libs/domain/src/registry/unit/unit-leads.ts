import type { UnitEvent } from './unit.decider';

/** One lead official's term at a unit: from the registration or the change, to the next change (null: still). */
export interface LeadPeriod {
  leadOfficial: string;
  from: string;
  to: string | null;
}

/**
 * A unit's lead officials (牵头领导) over time, from its stream: the one registered, from the registration, then
 * each change from the day it says it took effect. 捆绑问责 names the lead official at the time of the grounds.
 */
export function leadPeriods(events: readonly { event: UnitEvent; occurredAt: string }[]): LeadPeriod[] {
  const periods: LeadPeriod[] = [];
  for (const { event, occurredAt } of events) {
    const from = event.type === 'UnitRegistered' ? occurredAt : event.data.from;
    const last = periods.at(-1);
    if (last) last.to = from;
    periods.push({ leadOfficial: event.data.leadOfficial, from, to: null });
  }
  return periods;
}

/** The lead official at an instant: the last change in force by then, else the one registered (even if later). */
export function leadAt(periods: readonly LeadPeriod[], at: string): string | undefined {
  let lead = periods[0]?.leadOfficial;
  for (const period of periods.slice(1)) if (period.from <= at) lead = period.leadOfficial;
  return lead;
}
