import { DomainError, regionContains, regionPrefix, type Actor } from '@bangfu/domain';

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

export class OutsideJurisdictionError extends DomainError {
  readonly code = 'OUTSIDE_JURISDICTION';
  override readonly kind = 'forbidden' as const;
}

/** For commands whose division is known only from the record (a cadre's unit): the system itself acts everywhere. */
export function assertWithinJurisdiction(actor: Actor, code: string | null | undefined): void {
  if (actor.roles.includes('system') || !code || withinJurisdiction(actor, code)) return;
  throw new OutsideJurisdictionError(`division ${code} is outside your jurisdiction`, { region: code });
}

/**
 * Bounds for `code >= ? AND code < ?`: every code starting with `prefix`. A range on the index, where a
 * `LIKE prefix%` would scan; '\uffff' sorts after every digit.
 */
export function codesUnder(prefix: string): [string, string] {
  return [prefix, `${prefix}\uffff`];
}
