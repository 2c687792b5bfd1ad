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
