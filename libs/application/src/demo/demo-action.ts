import { monthStart, nextMonth, type Actor } from '@bangfu/domain';
import type { RoutedCommand } from '../commands/command-router';

/** One thing the demo records, on the virtual clock. */
export interface DemoAction {
  /** When it is recorded (the virtual clock). */
  at: number;
  actor: Actor;
  command: RoutedCommand;
  /** Business time, when it differs from the record time. */
  occurredAt?: number;
  key: string;
}

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

/** The demo's month `index` months after its first ('YYYY-MM'). */
export function demoMonth(firstMonth: string, index: number): string {
  let month = firstMonth;
  for (let i = 0; i < index; i++) month = nextMonth(month);
  return month;
}

/** 09:00 in Shanghai on the first day of `month`: when that month's office work begins. */
export function monthBase(month: string): number {
  return Date.parse(monthStart(month)) + 9 * HOUR;
}

/** 09:00 in Shanghai on the first day of the demo's month `index`. */
export function demoMonthBase(firstMonth: string, index: number): number {
  return monthBase(demoMonth(firstMonth, index));
}

/** 包户 as an office records it; the handler fills in the cadre's facts and the handover days. */
export function assignCadreCommand(householdId: string, cadreId: string, from: string, reason: string): RoutedCommand {
  return {
    type: 'AssignCadre',
    data: { householdId, cadreId, from, reason },
  };
}
