/**
 * The access log: refusals, reads of personal data, demo sign-ins and exported tables, recorded as events in daily streams
 * (`access-20261122`, Asia/Shanghai calendar days) so they are hash-chained and verified like every other fact.
 */
export type AccessEvent =
  | {
      type: 'AccessRefused';
      data: { action: string | null; method: string; path: string; status: number; code: string; detail: string; ip: string };
    }
  | { type: 'PersonalDataRead'; data: { action: string; method: string; path: string; values: number; subjects: string[] } }
  | { type: 'PersonalDataRevealed'; data: { stream: string; revision: number; field: string; reason: string } }
  /** A demo persona's token, issued by the console's one-click demo sign-in (the actor is the persona). */
  | { type: 'DemoTokenIssued'; data: { action: string; method: string; path: string; persona: string; ip: string; expiresAt: string } }
  /** A table handed on as a workbook: who took which rows out of bangfu, and with which filters. */
  | {
      type: 'TableExported';
      data: { action: string; method: string; path: string; report: string; rows: number; query: Record<string, string> };
    };

export const ANONYMOUS_ACTOR = { id: 'anonymous', roles: [] as string[] };

const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

/** The calendar day in Asia/Shanghai (UTC+8 all year), as YYYYMMDD. */
export function shanghaiDay(at: Date): string {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10).replace(/-/g, '');
}

export function accessStreamId(at: Date): string {
  return `access-${shanghaiDay(at)}`;
}
