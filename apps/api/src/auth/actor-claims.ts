import { isInternalActorId, isJurisdictionCode, isPublicRole, type Role } from '@bangfu/domain';
import { InvalidTokenError } from '@bangfu/application';

/**
 * The identity a signed token may claim, checked as strictly as a body: a subject that is not one of the
 * system's own actors, one or more of the eight public roles (never `system`, never a role this build does
 * not know), and a jurisdiction that is a real division code. A correctly signed token from a mis-configured
 * identity provider is refused here, never widened: an odd claim is a 401, not a guess.
 */
export function actorClaims(sub: unknown, rolesClaim: unknown, regionClaim: unknown): { sub: string; roles: Role[]; region: string } {
  if (typeof sub !== 'string' || sub.length === 0 || sub.length > 128 || hasControlCharacter(sub)) {
    throw new InvalidTokenError('the token names no subject (sub)', 'INVALID_SUBJECT_CLAIM');
  }
  if (isInternalActorId(sub)) throw new InvalidTokenError(`subject ${sub} is reserved for the system's own actors`, 'RESERVED_SUBJECT');
  const roles = Array.isArray(rolesClaim) ? rolesClaim : typeof rolesClaim === 'string' ? rolesClaim.split(/[\s,]+/).filter(Boolean) : [];
  if (roles.length === 0) throw new InvalidTokenError('the token names no role', 'MISSING_ROLES_CLAIM');
  const unknown = roles.filter((role) => !isPublicRole(role));
  if (unknown.length > 0) {
    throw new InvalidTokenError(`the token names roles this service does not grant: ${unknown.map(String).join(', ')}`, 'UNKNOWN_ROLE');
  }
  if (typeof regionClaim !== 'string' || !isJurisdictionCode(regionClaim)) {
    throw new InvalidTokenError(
      'the token’s region is not a division code (6, 9 or 12 digits, or 000000 for the whole country)',
      'INVALID_REGION_CLAIM',
    );
  }
  return { sub, roles: roles as Role[], region: regionClaim };
}

function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return true;
  }
  return false;
}
