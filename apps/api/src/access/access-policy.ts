import { ROLES, type Role } from '@bangfu/domain';

/** Where a route's target region is found in the request, for the jurisdiction check. */
export interface RegionSource {
  in: 'param' | 'body' | 'query';
  name: string;
  /** Also allow the divisions above the actor's own (a county's staff may read their province's record). */
  orAbove?: boolean;
}

export interface PolicyEntry {
  /** Who may call it. 'public' needs no token. */
  roles: readonly Role[] | 'public';
  description: string;
  /** How the jurisdiction applies, in words (README and OpenAPI). */
  scope: string;
  /** Checked before the handler runs; routes whose target region needs a lookup check it in their handler. */
  region?: RegionSource;
  /** The answer may hold personal data: reads by inspectors, discipline reviewers and auditors are logged. */
  personalData?: boolean;
  /** The answer is personal data on purpose (a logged reveal): it is not masked. */
  unmasked?: boolean;
}

const EVERYONE = ROLES;
const OVERSIGHT: readonly Role[] = ['inspector', 'discipline', 'auditor'];

/**
 * The single access policy: every route names one of these actions, and a route that names none (or an
 * unknown one) is refused to everyone. Deny by default. The README's table is generated from this.
 * Inspectors and discipline reviewers read everything in their jurisdiction and write only findings and
 * cases (later routes); auditors read the ledger and the access log.
 */
export const ACCESS_POLICY = {
  'system.health': { roles: 'public', description: 'store and projection status', scope: 'public' },
  'region.register': {
    roles: ['county-admin'],
    description: 'register a division',
    scope: 'the new division (body `code`) lies in it',
    region: { in: 'body', name: 'code' },
  },
  'region.list': { roles: EVERYONE, description: 'list divisions', scope: 'only divisions in it are listed' },
  'region.read': {
    roles: EVERYONE,
    description: 'read one division',
    scope: 'the division (`code`) lies in it or above it',
    region: { in: 'param', name: 'code', orAbove: true },
  },
  'ledger.events': {
    roles: ['county-admin', ...OVERSIGHT],
    description: 'read the event log (personal data masked)',
    scope: 'only events about divisions in it',
    personalData: true,
  },
  'ledger.verify': {
    roles: ['county-admin', 'discipline', 'auditor'],
    description: 'verify every hash chain of the log',
    scope: 'the whole log (the answer holds counts and the first break only)',
  },
  'access-log.read': {
    roles: ['discipline', 'auditor'],
    description: 'read the access log (refusals, personal-data reads and reveals)',
    scope: 'only entries about divisions in it',
  },
  'personal-data.reveal': {
    roles: ['county-admin'],
    description: 'reveal one masked value, with a reason that is logged',
    scope: 'the event’s division lies in it (checked by the handler)',
    unmasked: true,
  },
} as const satisfies Record<string, PolicyEntry>;

export type ActionName = keyof typeof ACCESS_POLICY;

export function policyFor(action: string | undefined): PolicyEntry | undefined {
  return action && Object.hasOwn(ACCESS_POLICY, action) ? ACCESS_POLICY[action as ActionName] : undefined;
}

/** The policy as a Markdown table: the README shows exactly this (a test keeps them equal). */
export function policyTable(): string {
  const header = `| action | ${ROLES.join(' | ')} | jurisdiction |\n|---|${ROLES.map(() => ':-:').join('|')}|---|`;
  const rows = Object.entries(ACCESS_POLICY).map(([action, entry]: [string, PolicyEntry]) => {
    const cells = ROLES.map((role) => (entry.roles === 'public' || entry.roles.includes(role) ? '✓' : ''));
    return `| \`${action}\` | ${cells.join(' | ')} | ${entry.scope} |`;
  });
  return [header, ...rows].join('\n');
}
