import { codesUnder, DomainError, regionContains, regionPrefix, type Actor } from '@bangfu/domain';

export { codesUnder };

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

/** The division a list query covers: `?region=` (the guard has checked it lies inside), else the whole jurisdiction. */
export function queryScope(region: string | undefined, actor: Actor): string {
  return region ? regionPrefix(region) : (jurisdictionPrefix(actor) ?? '');
}

/**
 * Bounds for `code >= ? AND code < ?` over the actor's jurisdiction (everything for the whole country,
 * nothing without a region). Jurisdiction is matched by range only, never with LIKE: a claim can carry no
 * wildcard into a query.
 */
export function jurisdictionRange(actor: Actor): [string, string] {
  return codesUnder(jurisdictionPrefix(actor) ?? '');
}

export class OutsideJurisdictionError extends DomainError {
  readonly code = 'OUTSIDE_JURISDICTION';
  override readonly kind = 'forbidden' as const;
}

/**
 * A record outside the actor's jurisdiction, answered exactly as a record never made (`answer`, the
 * not-found the caller would get for an unknown id), so ids cannot be probed for existence. The refusal
 * itself is still written to the access log, with the division, by the handler-refusal interceptor.
 */
export class ConcealedRefusal extends Error {
  readonly code = 'OUTSIDE_JURISDICTION';

  constructor(
    readonly answer: Error,
    readonly region: string,
  ) {
    super(`division ${region} is outside your jurisdiction`);
  }
}

/**
 * For records found by an id that does not name their division (funds, projects, cases, inspections,
 * cadres): outside the jurisdiction (or above it, with `orAbove`, for reads) they answer as unknown.
 */
export function assertVisible(actor: Actor, code: string, notFound: () => Error, orAbove = false): void {
  if (actor.roles.includes('system') || withinJurisdiction(actor, code, orAbove)) return;
  throw new ConcealedRefusal(notFound(), code);
}

/** For commands whose division is known only from the record (a cadre's unit): the system itself acts everywhere. */
export function assertWithinJurisdiction(actor: Actor, code: string | null | undefined): void {
  if (actor.roles.includes('system') || !code || withinJurisdiction(actor, code)) return;
  throw new OutsideJurisdictionError(`division ${code} is outside your jurisdiction`, { region: code });
}
