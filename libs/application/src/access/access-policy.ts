import { ROLES, type Role } from '@bangfu/domain';

/** Where a route's target region is found in the request, for the jurisdiction check. */
export interface RegionSource {
  in: 'param' | 'body' | 'query';
  name: string;
  /** Also allow the divisions above the actor's own (a county's staff may read their province's record). */
  orAbove?: boolean;
  /** The value names its division in its first 12 digits: a 户编号 is the village code and a sequence. */
  household?: boolean;
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
const HOUSEHOLD: RegionSource = { in: 'param', name: 'id', household: true };

/**
 * The single access policy: every route names one of these actions, and a route that names none (or an
 * unknown one) is refused to everyone. Deny by default. The README's table is generated from this.
 * Inspectors and discipline reviewers read everything in their jurisdiction and write only findings and
 * cases (later routes); auditors read the ledger and the access log.
 */
export const ACCESS_POLICY = {
  'system.health': { roles: 'public', description: 'store and projection status', scope: 'public' },
  'me.read': { roles: EVERYONE, description: 'who you are signed in as, and the actions your roles allow', scope: 'yourself' },
  'demo.personas': {
    roles: 'public',
    description: 'the demo’s people, one per role, for the console’s one-click sign-in',
    scope: 'public while demo sign-in is on (BANGFU_DEMO_SIGNIN), else 403',
  },
  'demo.sign-in': {
    roles: 'public',
    description: 'a token for a demo persona (in the access log)',
    scope: 'public while demo sign-in is on (BANGFU_DEMO_SIGNIN), else 403',
  },
  'region.register': {
    roles: ['county-admin'],
    description: 'register a division',
    scope: 'the new division (body `code`) lies in it',
    region: { in: 'body', name: 'code' },
  },
  'region.go-live': {
    roles: ['county-admin'],
    description: 'declare a division’s go-live date (上线日期), from which its obligations and flags are judged',
    scope: 'the division (`code`) lies in it',
    region: { in: 'param', name: 'code' },
  },
  'region.list': { roles: EVERYONE, description: 'list divisions', scope: 'only divisions in it are listed' },
  'region.read': {
    roles: EVERYONE,
    description: 'read one division',
    scope: 'the division (`code`) lies in it or above it',
    region: { in: 'param', name: 'code', orAbove: true },
  },
  'unit.register': {
    roles: ['county-admin'],
    description: 'register a unit (帮扶单位)',
    scope: 'the unit’s division (body `regionCode`) lies in it',
    region: { in: 'body', name: 'regionCode' },
  },
  'cadre.register': {
    roles: ['county-admin'],
    description: 'register a cadre in a unit',
    scope: 'the unit’s division lies in it (checked by the handler)',
  },
  'cadre.list': {
    roles: EVERYONE,
    description: 'cadres of a division or a unit',
    scope: 'only cadres whose division lies in it are listed',
    region: { in: 'query', name: 'region' },
    personalData: true,
  },
  'cadre.read': {
    roles: EVERYONE,
    description: 'read a cadre',
    scope: 'the cadre’s division lies in it or above it, or the cadre is you',
    personalData: true,
  },
  'cadre.recall': {
    roles: ['county-admin'],
    description: 'recall a cadre (召回), handing every household over',
    scope: 'the cadre’s division lies in it (checked by the handler)',
  },
  'cadre.households': {
    roles: EVERYONE,
    description: 'households a cadre held at an instant',
    scope: 'only households in it are listed',
  },
  'cadre.activity': {
    roles: EVERYONE,
    description: 'a cadre’s work: households held, visits per month, coverage, backfill lag, retractions',
    scope: 'only work in it is counted',
  },
  'cadre.record': {
    roles: ['township-reviewer', 'county-admin', 'leader', 'inspector', 'discipline', 'auditor'],
    description: '责任回溯: what a cadre held, did and missed in a period, as the record stood at a given time',
    scope: 'the cadre’s division lies in it or above it; only work in it is shown',
  },
  'region.record': {
    roles: ['township-reviewer', 'county-admin', 'leader', 'inspector', 'discipline', 'auditor'],
    description: '责任回溯 of a village: its unit, lead officials, work team and household holders in a period, what was done and missed',
    scope: 'the village (`code`) lies in it',
    region: { in: 'param', name: 'code' },
  },
  'household.register': {
    roles: ['township-reviewer', 'county-admin'],
    description: 'register a household directly, marked as taken over from an existing register (导入); 新识别 goes through 精准识别',
    scope: 'the village (body `villageCode`) lies in it',
    region: { in: 'body', name: 'villageCode' },
  },
  'household.correct': {
    roles: ['township-reviewer', 'county-admin'],
    description: 'correct a household’s record, with the reason',
    scope: 'the household’s village lies in it',
    region: HOUSEHOLD,
  },
  'household.remove': {
    roles: ['township-reviewer', 'county-admin'],
    description: 'remove a household (九不纳入), with the reason',
    scope: 'the household’s village lies in it',
    region: HOUSEHOLD,
  },
  'household.relapse': {
    roles: ['township-reviewer', 'county-admin'],
    description: 'record a relapse (返贫) of an exited household',
    scope: 'the household’s village lies in it',
    region: HOUSEHOLD,
  },
  'household.read': {
    roles: EVERYONE,
    description: 'read a household, now or as of a time as known at a time',
    scope: 'the household’s village lies in it',
    region: HOUSEHOLD,
    personalData: true,
  },
  'household.list': {
    roles: EVERYONE,
    description: 'list a division’s households',
    scope: 'the division (`code`) lies in it',
    region: { in: 'param', name: 'code' },
    personalData: true,
  },
  'assignment.assign': {
    roles: ['township-reviewer', 'county-admin'],
    description: 'assign a responsible cadre, or hand the household over',
    scope: 'the household’s village lies in it',
    region: HOUSEHOLD,
  },
  'assignment.end': {
    roles: ['township-reviewer', 'county-admin'],
    description: 'end responsibility for an exited household',
    scope: 'the household’s village lies in it',
    region: HOUSEHOLD,
  },
  'assignment.responsibility': {
    roles: EVERYONE,
    description: 'who held a household, at a business time as known at a record time',
    scope: 'the household’s village lies in it',
    region: HOUSEHOLD,
  },
  'village.assign-unit': {
    roles: ['county-admin'],
    description: 'assign a unit to a village (包村)',
    scope: 'the village (`code`) lies in it',
    region: { in: 'param', name: 'code' },
  },
  'village.work-team': {
    roles: ['county-admin'],
    description: 'assign a village’s work team and first secretary',
    scope: 'the village (`code`) lies in it',
    region: { in: 'param', name: 'code' },
  },
  'support-system.register': {
    roles: ['county-admin'],
    description: 'register a 帮扶体系: its 组长单位 and member units, whose joint meeting (联席会议) is owed every quarter',
    scope: 'the division lies in it (checked by the handler)',
  },
  'support-system.meeting': {
    roles: ['township-reviewer', 'county-admin'],
    description: 'record a 帮扶体系’s joint meeting: quarter, day held, units present, decisions',
    scope: 'the 帮扶体系’s division lies in it (checked by the handler)',
  },
  'support-system.list': {
    roles: EVERYONE,
    description: 'a division’s 帮扶体系, each quarter with its meetings, or missed and escalated',
    scope: 'the division (`code`) lies in it',
    region: { in: 'param', name: 'code' },
  },
  'village.team-report': {
    roles: ['work-team', 'township-reviewer', 'county-admin'],
    description: 'file the work team’s monthly report (驻村定期报告): members of the team, or an office on its behalf',
    scope: 'the village (`code`) lies in it',
    region: { in: 'param', name: 'code' },
  },
  'village.team-reports': {
    roles: EVERYONE,
    description: 'a village’s work-team reports, month by month: filed (on time or late), missed, escalated',
    scope: 'the village (`code`) lies in it',
    region: { in: 'param', name: 'code' },
  },
  'visit.record': {
    roles: ['cadre', 'work-team', 'township-reviewer', 'county-admin'],
    description: 'record a visit (cadres their own; offices on a cadre’s behalf)',
    scope: 'the household’s village lies in it',
    region: HOUSEHOLD,
  },
  'visit.retract': {
    roles: ['cadre', 'work-team', 'township-reviewer', 'county-admin'],
    description: 'retract a visit, with the reason (cadres their own)',
    scope: 'the household’s village lies in it',
    region: HOUSEHOLD,
  },
  'plan.measure': {
    roles: ['cadre', 'work-team', 'township-reviewer', 'county-admin'],
    description: 'add a measure to a household’s help plan (一户一策), revise it, or record it delivered or not delivered',
    scope: 'the household’s village lies in it',
    region: HOUSEHOLD,
  },
  'plan.read': {
    roles: EVERYONE,
    description: 'a household’s help plan, now or as it stood at a time as known at a time',
    scope: 'the household’s village lies in it',
    region: HOUSEHOLD,
  },
  'household.timeline': {
    roles: EVERYONE,
    description: 'every event about a household, from every stream',
    scope: 'the household’s village lies in it',
    region: HOUSEHOLD,
    personalData: true,
  },
  'visit.coverage': {
    roles: EVERYONE,
    description: 'visit coverage of a division’s households in a month',
    scope: 'the division (`code`) lies in it',
    region: { in: 'param', name: 'code' },
  },
  'visit.overdue': {
    roles: EVERYONE,
    description: 'households whose monthly visit is overdue',
    scope: 'the division (`code`) lies in it',
    region: { in: 'param', name: 'code' },
  },
  'visit-policy.adopt': {
    roles: ['county-admin'],
    description: 'adopt a new version of a division’s visit policy',
    scope: 'the division (`code`) lies in it',
    region: { in: 'param', name: 'code' },
  },
  'visit-policy.read': {
    roles: EVERYONE,
    description: 'the visit policy in force for a division, and its versions',
    scope: 'the division (`code`) lies in it or above it',
    region: { in: 'param', name: 'code', orAbove: true },
  },
  'flags.read': {
    roles: ['work-team', 'township-reviewer', 'county-admin', 'leader', 'inspector', 'discipline', 'auditor'],
    description: 'red flags, with the events they rest on',
    scope: 'the division (`region`, else yours) lies in it',
    region: { in: 'query', name: 'region' },
  },
  'flags.review': {
    roles: ['cadre', 'work-team', 'township-reviewer', 'county-admin', 'inspector'],
    description: 'handle a red flag: explained (those responsible), confirmed or closed (inspectors, offices)',
    scope: 'the flag’s division lies in it (checked by the handler)',
  },
  'fund.allocate': {
    roles: ['county-admin'],
    description: 'allocate a fund (资金下达), by its document',
    scope: 'the fund’s division (body `regionCode`) lies in it',
    region: { in: 'body', name: 'regionCode' },
  },
  'fund.disburse': {
    roles: ['township-reviewer', 'county-admin'],
    description: 'disburse from a fund (拨付), never beyond its balance',
    scope: 'the fund’s division lies in it (checked by the handler)',
  },
  'fund.confirm': {
    roles: ['cadre', 'work-team', 'township-reviewer', 'county-admin'],
    description: 'confirm a disbursement was received (到户确认)',
    scope: 'the fund’s division lies in it (checked by the handler)',
  },
  'fund.recover': {
    roles: ['county-admin'],
    description: 'recover disbursed money (追回), with the reason',
    scope: 'the fund’s division lies in it (checked by the handler)',
  },
  'fund.reallocate': {
    roles: ['county-admin'],
    description: 'move unspent money to a new fund (调剂), by a document',
    scope: 'both funds’ divisions lie in it (checked by the handler)',
  },
  'fund.trace': {
    roles: EVERYONE,
    description: 'a fund’s trace from allocation to every recipient, balanced to the fen',
    scope: 'the fund’s division lies in it or above it',
  },
  'fund.region': {
    roles: EVERYONE,
    description: 'a division’s funds by source and purpose, with the production shares',
    scope: 'the division (`code`) lies in it',
    region: { in: 'param', name: 'code' },
  },
  'household.benefits': {
    roles: EVERYONE,
    description: 'every disbursement a household received',
    scope: 'the household’s village lies in it',
    region: HOUSEHOLD,
  },
  'project.approve': {
    roles: ['county-admin'],
    description: 'approve a project (立项) with its budget and lead unit',
    scope: 'the project’s division (body `regionCode`) lies in it',
    region: { in: 'body', name: 'regionCode' },
  },
  'project.update': {
    roles: ['township-reviewer', 'county-admin'],
    description: 'add beneficiaries, record a milestone or completion, publish the notice (公告公示)',
    scope: 'the project’s division lies in it (checked by the handler)',
  },
  'project.accept': {
    roles: ['township-reviewer', 'county-admin', 'inspector'],
    description: 'record 验收 of a completed project (someone outside its lead unit)',
    scope: 'the project’s division lies in it (checked by the handler)',
  },
  'project.read': {
    roles: EVERYONE,
    description: 'a project with its beneficiaries and funds',
    scope: 'the project’s division lies in it or above it',
  },
  'exit.start': {
    roles: ['work-team', 'township-reviewer', 'county-admin'],
    description: 'propose a household or village for exit (opens an exit case)',
    scope: 'the household’s or village’s division lies in it (checked by the handler)',
  },
  'identification.start': {
    roles: ['work-team', 'township-reviewer', 'county-admin'],
    description: 'propose a 户编号 not on the register for 精准识别 (opens a case; the household is registered when it passes)',
    scope: 'the 户编号’s village lies in it (checked by the handler)',
  },
  'removal.start': {
    roles: ['work-team', 'township-reviewer', 'county-admin'],
    description: 'propose a registered household for 剔除 (九不纳入; opens a case; the household is removed when it passes)',
    scope: 'the household’s village lies in it (checked by the handler)',
  },
  'exit.act': {
    roles: ['work-team', 'township-reviewer', 'county-admin'],
    description:
      'act on the current step of a case — exit, 精准识别 or 剔除 (approve, return, object, withdraw); each step names its roles',
    scope: 'the case’s village lies in it (checked by the handler)',
  },
  'exit.read': {
    roles: EVERYONE,
    description: 'a case (exit, 精准识别, 剔除) with every step, actor, duration and evidence',
    scope: 'the case’s village lies in it (checked by the handler)',
    personalData: true,
  },
  'exit.pipeline': {
    roles: EVERYONE,
    description: 'exit cases of a division per step, and the overdue ones',
    scope: 'the division (`code`) lies in it',
    region: { in: 'param', name: 'code' },
  },
  'exit.indicators': {
    roles: EVERYONE,
    description: '摘帽 indicators of a division (incidence, 错退率, 漏评率, 群众认可度)',
    scope: 'the division (`code`) lies in it',
    region: { in: 'param', name: 'code' },
  },
  'exit.standard': {
    roles: ['county-admin'],
    description: 'adopt a division’s exit standard (income line, incidence limit, village checklist), versioned',
    scope: 'the division (`code`) lies in it',
    region: { in: 'param', name: 'code' },
  },
  'exit.population': {
    roles: ['county-admin'],
    description: 'record a division’s rural population (the denominator of 贫困发生率)',
    scope: 'the division (`code`) lies in it',
    region: { in: 'param', name: 'code' },
  },
  'exit.assess': {
    roles: ['county-admin', 'inspector'],
    description: 'record an exit spot check (错退/漏评) or a 群众认可度 survey',
    scope: 'the division (`code`) lies in it',
    region: { in: 'param', name: 'code' },
  },
  'inspection.draw': {
    roles: ['inspector', 'county-admin'],
    description: 'draw an inspection’s random sample of households or villages (随机抽查), recorded with its seed',
    scope: 'the division (body `regionCode`) lies in it',
    region: { in: 'body', name: 'regionCode' },
  },
  'inspection.list': {
    roles: ['county-admin', 'leader', ...OVERSIGHT],
    description: 'the inspections drawn in a division',
    scope: 'only draws in it are listed',
    region: { in: 'query', name: 'region' },
  },
  'inspection.read': {
    roles: ['county-admin', 'leader', ...OVERSIGHT],
    description: 'an inspection’s recorded draw and its findings',
    scope: 'the inspection’s division lies in it (checked by the handler)',
  },
  'finding.record': {
    roles: ['inspector', 'county-admin'],
    description: 'record a finding against a household, village, unit or cadre, citing the events it rests on',
    scope: 'the target’s division and every cited event lie in it (checked by the handler)',
  },
  'finding.rectify': {
    roles: ['cadre', 'work-team', 'township-reviewer', 'county-admin', 'inspector'],
    description: 'order (inspector, offices), report (those responsible, offices) or verify (inspector, offices) a rectification',
    scope: 'the finding’s division lies in it (checked by the handler)',
  },
  'finding.list': {
    roles: EVERYONE,
    description: 'findings with their rectification status and history',
    scope: 'only findings in it are listed',
    region: { in: 'query', name: 'region' },
  },
  'case.open': {
    roles: ['discipline'],
    description:
      'open an accountability case (问责) against a person or unit on cited events; 捆绑问责 parties are derived from the record',
    scope: 'every cited event and the case’s division lie in it (checked by the handler)',
  },
  'case.decide': {
    roles: ['discipline'],
    description: 'record a decision (谈话提醒 … 党纪政务处分) on one party of a case',
    scope: 'the case’s division lies in it (checked by the handler)',
  },
  'case.list': {
    roles: ['discipline', 'auditor', 'county-admin'],
    description: 'the 问责 cases in a division, with their parties',
    scope: 'only cases in it are listed',
    region: { in: 'query', name: 'region' },
  },
  'case.read': {
    roles: ['discipline', 'auditor', 'county-admin'],
    description: 'a case with its grounds, parties and decisions',
    scope: 'the case’s division lies in it (checked by the handler)',
  },
  'task.issue': {
    roles: ['county-admin', 'leader'],
    description: 'issue a task from a plan (牵头领导, 牵头单位, 配合单位, target, deadline)',
    scope: 'the task’s division (body `regionCode`) lies in it',
    region: { in: 'body', name: 'regionCode' },
  },
  'task.report': {
    roles: ['work-team', 'township-reviewer', 'county-admin'],
    description: 'report a task’s progress or submit its completion, with evidence',
    scope: 'the task’s division lies in it (checked by the handler)',
  },
  'task.verify': {
    roles: ['county-admin', 'leader', 'inspector'],
    description: 'verify or reject a task’s completion (not the submitter)',
    scope: 'the task’s division lies in it (checked by the handler)',
  },
  'task.recurring': {
    roles: ['county-admin'],
    description: 'define a recurring self-check (自查自评) issued as a task every month or quarter, or end one',
    scope: 'the division lies in it (checked by the handler)',
  },
  'task.recurring-list': {
    roles: EVERYONE,
    description: 'a division’s recurring self-checks with every period issued',
    scope: 'the division (`code`) lies in it',
    region: { in: 'param', name: 'code' },
  },
  'task.list': {
    roles: EVERYONE,
    description: 'tasks by lead unit, lead official and status',
    scope: 'only tasks in it are listed',
    region: { in: 'query', name: 'region' },
  },
  'task.read': {
    roles: EVERYONE,
    description: 'one task with its progress reports, evidence, completion and verification history',
    scope: 'the task’s division lies in it (checked by the handler)',
  },
  'task.board': {
    roles: EVERYONE,
    description: 'task completion by lead unit, lead official and division',
    scope: 'the division (`code`) lies in it',
    region: { in: 'param', name: 'code' },
  },
  'task.rankings': {
    roles: EVERYONE,
    description: '红黑榜 of lead units or lead officials, with the formula and its inputs',
    scope: 'only tasks in it are ranked',
    region: { in: 'query', name: 'region' },
  },
  'rankings.cadres': {
    roles: EVERYONE,
    description:
      '红黑榜 of cadres (visit coverage, 补录 rate, 对接 on time, measures delivered on time, findings), with the formula and its inputs',
    scope: 'only cadres’ work in it is ranked',
    region: { in: 'query', name: 'region' },
  },
  'rankings.villages': {
    roles: EVERYONE,
    description: '红黑榜 of villages (visit coverage, open findings, overdue measures), with their figures',
    scope: 'only villages in it are ranked',
    region: { in: 'query', name: 'region' },
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
  'ledger.checkpoint': {
    roles: ['county-admin', 'discipline', 'auditor'],
    description: 'sign a checkpoint: the Merkle root over every event so far (Ed25519)',
    scope: 'the whole log',
  },
  'ledger.checkpoints': {
    roles: ['county-admin', ...OVERSIGHT],
    description: 'the signed checkpoints — all of them, or the newest as a reviewer keeps it — and the public key that verifies them',
    scope: 'the whole log (roots and signatures only)',
  },
  'dossier.export': {
    roles: ['county-admin', ...OVERSIGHT],
    description: 'export every event about a person, household, unit or village in a period, with inclusion proofs',
    scope: 'a household or village in it; for a person or unit, only events about divisions in it',
    personalData: true,
    unmasked: true,
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
