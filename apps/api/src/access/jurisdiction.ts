import { regionContains, type Actor } from '@bangfu/domain';

/** Whether `code` lies in the actor's jurisdiction ('000000' is the whole country; no region, nothing). */
export function withinJurisdiction(actor: Actor, code: string, orAbove = false): boolean {
  const home = actor.regionCode;
  if (!home) return false;
  return regionContains(home, code) || (orAbove && regionContains(code, home));
}

/** The prefix that every region code in the actor's jurisdiction starts with; undefined for the whole country. */
export function jurisdictionPrefix(actor: Actor): string | undefined {
  if (actor.regionCode === '000000') return undefined;
  if (!actor.regionCode) return '\u0000'; // matches nothing
  const code = actor.regionCode;
  if (code.length === 6 && code.endsWith('0000')) return code.slice(0, 2);
  if (code.length === 6 && code.endsWith('00')) return code.slice(0, 4);
  return code;
}
