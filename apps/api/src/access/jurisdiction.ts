import { regionContains, regionPrefix, type Actor } from '@bangfu/domain';

/** Whether `code` lies in the actor's jurisdiction ('000000' is the whole country; no region, nothing). */
export function withinJurisdiction(actor: Actor, code: string, orAbove = false): boolean {
  const home = actor.regionCode;
  if (!home) return false;
  return regionContains(home, code) || (orAbove && regionContains(code, home));
}

/** The prefix that every region code in the actor's jurisdiction starts with; undefined for the whole country. */
export function jurisdictionPrefix(actor: Actor): string | undefined {
  if (actor.regionCode === '000000') return undefined;
  return actor.regionCode ? regionPrefix(actor.regionCode) : '\u0000'; // no region: matches nothing
}
