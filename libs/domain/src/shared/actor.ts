export const ROLES = ['cadre', 'work-team', 'township-reviewer', 'county-admin', 'leader', 'inspector', 'discipline', 'auditor'] as const;

export type Role = (typeof ROLES)[number];

/** Who acts, as established by a verified token — never taken from a request body. */
export interface Actor {
  id: string;
  name?: string;
  roles: string[];
  unitId?: string;
  regionCode?: string;
}

/** The actor for what the system does by itself: timers firing, projections reacting. */
export const SYSTEM_ACTOR: Actor = { id: 'system', name: 'bangfu', roles: ['system'] };

const PUBLIC_ROLES: ReadonlySet<string> = new Set(ROLES);

export function isPublicRole(role: unknown): role is Role {
  return typeof role === 'string' && PUBLIC_ROLES.has(role);
}

/**
 * Ids the system's own actors use on the record (timers and process managers as `system`, the CLI's
 * checkpoint and imports, the access log's anonymous caller). A token naming one would let a person's act
 * pass for the system's in every dossier, so no token may.
 */
export function isInternalActorId(id: string): boolean {
  return id === SYSTEM_ACTOR.id || id === 'anonymous' || id.startsWith('bangfu-') || id.startsWith('import:');
}
