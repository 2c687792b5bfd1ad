/**
 * 上线日期 as the judging rules read it. A division's record is complete from its go-live on; obligations
 * whose period began before it are migrated history (kept, shown, never judged).
 */
/** When a division's judging starts: the latest go-live declared on it or on the divisions above it. */
export function effectiveGoLive(declared: readonly (string | null)[]): string | null {
  return declared.reduce<string | null>((latest, at) => (at !== null && (latest === null || at > latest) ? at : latest), null);
}

/** Whether an obligation whose period began at `periodStart` is judged: only one that began on or after go-live. */
export function judgedAfterGoLive(goLiveAt: string | null | undefined, periodStart: string): boolean {
  return !goLiveAt || Date.parse(periodStart) >= Date.parse(goLiveAt);
}

/** The divisions whose go-live applies to a division: its county, its township and itself (those that exist). */
export function goLiveLevels(code: string): string[] {
  return [code.slice(0, 6), code.slice(0, 9), code].filter((c, i, all) => c.length >= 6 && all.indexOf(c) === i);
}
