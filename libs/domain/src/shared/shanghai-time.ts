/**
 * Calendar months and days are Asia/Shanghai (UTC+8, no daylight saving since 1991): a visit at
 * 2026-01-31T17:00Z is a February visit. Instants stay ISO-8601 UTC everywhere else.
 */
const OFFSET_MS = 8 * 60 * 60 * 1000;

/** 'YYYY-MM' of the Shanghai calendar month the instant falls in. */
export function shanghaiMonth(instant: string | Date): string {
  return new Date(new Date(instant).getTime() + OFFSET_MS).toISOString().slice(0, 7);
}

/** 'YYYY-MM-DD' of the Shanghai calendar day the instant falls in. */
export function shanghaiDate(instant: string | Date): string {
  return new Date(new Date(instant).getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant a Shanghai month ('YYYY-MM') begins. */
export function monthStart(month: string): string {
  return new Date(Date.parse(`${month}-01T00:00:00.000Z`) - OFFSET_MS).toISOString();
}

/** The instant a Shanghai month ends: the first instant of the next month. */
export function monthEnd(month: string): string {
  return monthStart(nextMonth(month));
}

/** The instant a Shanghai day ('YYYY-MM-DD') begins. */
export function dayStart(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00.000Z`) - OFFSET_MS).toISOString();
}

export function nextMonth(month: string): string {
  const [year, m] = month.split('-').map(Number);
  return m === 12 ? `${year + 1}-01` : `${year}-${String(m + 1).padStart(2, '0')}`;
}

/** The same Shanghai wall-clock time `months` later (a month-end date clamps, as calendars do: 08-31 + 6 → 02-28/29). */
export function addMonths(instant: string, months: number): string {
  const local = new Date(Date.parse(instant) + OFFSET_MS);
  const day = local.getUTCDate();
  local.setUTCDate(1);
  local.setUTCMonth(local.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth() + 1, 0)).getUTCDate();
  local.setUTCDate(Math.min(day, lastDay));
  return new Date(local.getTime() - OFFSET_MS).toISOString();
}

export function isMonth(value: string): boolean {
  return /^\d{4}-(0[1-9]|1[0-2])$/.test(value);
}

/** A strict ISO-8601 instant with a zone, as every time in a command must be. */
export function isInstant(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/.test(value) && !Number.isNaN(Date.parse(value));
}

/** Normalises an instant to the ISO-8601 UTC form the record keeps. */
export function toUtc(value: string): string {
  return new Date(value).toISOString();
}
