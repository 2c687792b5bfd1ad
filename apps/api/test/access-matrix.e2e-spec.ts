import { DEFAULT_VISIT_TERMS, ROLES, shanghaiMonth, type Role } from '@bangfu/domain';
import { demoBackfilledVisitId } from '@bangfu/application';
import { DEMO_PATH_PARAMS, startTestApp, type TestApp } from './test-app';

/**
 * The expected access table, written independently of the policy it checks. Every route in the OpenAPI
 * document must appear here; a route missing from this table, or served without a policy action, fails.
 * `outside`: what an allowed role from another province gets — refused, or an answer holding nothing of ours.
 * `concealed`: a record found by an id that does not name its division answers 404, as an unknown id does.
 */
type Outside = 'forbidden' | 'concealed' | 'allowed' | ((body: unknown) => boolean);

interface Expected {
  roles: readonly Role[] | 'public';
  outside: Outside;
  body?: unknown;
}

const ALL = ROLES;
// An answer from another province's jurisdiction may hold its own records, never Jilin's (codes 22…).
const regionsOutsideJilin = (body: unknown) => (body as { code: string }[]).every((region) => !region.code.startsWith('22'));
const eventsOutsideJilin = (body: unknown) =>
  (body as { events: { metadata: { subjectRegion?: string } }[] }).events.every((event) => event.metadata.subjectRegion?.startsWith('61'));

// A real demo event in 盘道村 (the planted backfilled visit): citing it from another province is refused.
const DEMO_GROUND = demoBackfilledVisitId(shanghaiMonth(new Date(Date.now() - 365 * 86_400_000)));

const EXPECTED: Record<string, Expected> = {
  'GET /health': { roles: 'public', outside: 'allowed' },
  'GET /api/v1/health': { roles: 'public', outside: 'allowed' },
  'GET /api/v1/me': { roles: ALL, outside: 'allowed' },
  'GET /api/v1/demo/personas': { roles: 'public', outside: 'allowed' },
  'POST /api/v1/demo/sign-in': { roles: 'public', outside: 'allowed', body: { personaId: 'jl-wjw-01' } },
  'POST /api/v1/regions': { roles: ['county-admin'], outside: 'forbidden', body: { code: '222426103299', name: '矩阵测试村' } },
  'GET /api/v1/regions': { roles: ALL, outside: regionsOutsideJilin },
  'GET /api/v1/regions/{code}': { roles: ALL, outside: 'forbidden' },
  'POST /api/v1/regions/{code}/go-live': {
    roles: ['county-admin'],
    outside: 'forbidden',
    body: { goLiveOn: '2026-01-01', reason: '矩阵测试' },
  },
  'POST /api/v1/units': {
    roles: ['county-admin'],
    outside: 'forbidden',
    body: { unitId: 'matrix-unit', name: '矩阵测试单位', regionCode: '220000', leadOfficial: '测试' },
  },
  'POST /api/v1/cadres': {
    roles: ['county-admin'],
    outside: 'forbidden',
    body: { cadreId: 'matrix-cadre', name: '矩阵', unitId: 'jl-wjw', position: '科员' },
  },
  'POST /api/v1/cadres/{cadreId}/recall': { roles: ['county-admin'], outside: 'concealed', body: { reason: '矩阵测试', handovers: [] } },
  'GET /api/v1/cadres/{cadreId}': { roles: ALL, outside: 'concealed' },
  'GET /api/v1/cadres/{cadreId}/households': { roles: ALL, outside: (body) => (body as { households: unknown[] }).households.length === 0 },
  'GET /api/v1/cadres/{cadreId}/activity': { roles: ALL, outside: 'concealed' },
  'POST /api/v1/households': {
    roles: ['township-reviewer', 'county-admin'],
    outside: 'forbidden',
    body: {
      householdId: '2224261032010099',
      villageCode: '222426103201',
      members: [{ name: '矩阵', idNumber: '11010519491231002X', relation: '户主' }],
      category: '一般贫困户',
      causes: ['因病'],
    },
  },
  'POST /api/v1/households/{id}/corrections': {
    roles: ['township-reviewer', 'county-admin'],
    outside: 'forbidden',
    body: { changes: { category: '低保贫困户' }, reason: '矩阵测试' },
  },
  'POST /api/v1/households/{id}/removal': {
    roles: ['township-reviewer', 'county-admin'],
    outside: 'forbidden',
    body: { reason: 'VEHICLE', detail: '矩阵' },
  },
  'POST /api/v1/households/{id}/relapse': {
    roles: ['township-reviewer', 'county-admin'],
    outside: 'forbidden',
    body: { reason: '矩阵测试' },
  },
  'GET /api/v1/households/{id}': { roles: ALL, outside: 'forbidden' },
  'GET /api/v1/regions/{code}/households': { roles: ALL, outside: 'forbidden' },
  'POST /api/v1/households/{id}/assignments': {
    roles: ['township-reviewer', 'county-admin'],
    outside: 'forbidden',
    body: { cadreId: 'jl-wjw-02' },
  },
  'POST /api/v1/households/{id}/assignments/end': {
    roles: ['township-reviewer', 'county-admin'],
    outside: 'forbidden',
    body: { reason: '矩阵' },
  },
  'GET /api/v1/households/{id}/responsibility': { roles: ALL, outside: 'forbidden' },
  'POST /api/v1/villages/{code}/assignments': { roles: ['county-admin'], outside: 'forbidden', body: { unitId: 'jl-wjw' } },
  'POST /api/v1/villages/{code}/work-teams': {
    roles: ['county-admin'],
    outside: 'forbidden',
    body: { memberIds: ['jl-wjw-13'], firstSecretaryId: 'jl-wjw-14' },
  },
  'POST /api/v1/households/{id}/visits': {
    roles: ['cadre', 'work-team', 'township-reviewer', 'county-admin'],
    outside: 'forbidden',
    body: {
      cadreId: 'jl-wjw-01',
      kind: '走访',
      occurredAt: '2020-01-01T00:00:00Z',
      findings: Object.fromEntries(['food', 'clothing', 'education', 'medical', 'housing', 'water'].map((k) => [k, { result: 'met' }])),
    },
  },
  'POST /api/v1/households/{id}/visits/{visitId}/retraction': {
    roles: ['cadre', 'work-team', 'township-reviewer', 'county-admin'],
    outside: 'forbidden',
    body: { reason: '矩阵测试' },
  },
  'GET /api/v1/households/{id}/timeline': { roles: ALL, outside: 'forbidden' },
  'POST /api/v1/households/{id}/plan/measures': {
    roles: ['cadre', 'work-team', 'township-reviewer', 'county-admin'],
    outside: 'forbidden',
    body: { measureId: 'matrix-measure', kind: '产业', promise: '矩阵测试', cadreId: 'jl-wjw-01', dueOn: '2099-01-01' },
  },
  'POST /api/v1/households/{id}/plan/measures/{measureId}/revisions': {
    roles: ['cadre', 'work-team', 'township-reviewer', 'county-admin'],
    outside: 'forbidden',
    body: { dueOn: '2099-02-01', reason: '矩阵测试' },
  },
  'POST /api/v1/households/{id}/plan/measures/{measureId}/delivery': {
    roles: ['cadre', 'work-team', 'township-reviewer', 'county-admin'],
    outside: 'forbidden',
    body: { delivered: false, reason: '矩阵测试' },
  },
  'GET /api/v1/households/{id}/plan': { roles: ALL, outside: 'forbidden' },
  'POST /api/v1/villages/{code}/work-team-reports': {
    roles: ['work-team', 'township-reviewer', 'county-admin'],
    outside: 'forbidden',
    body: { month: '2026-01', summary: '矩阵测试' },
  },
  'GET /api/v1/villages/{code}/work-team-reports': { roles: ALL, outside: 'forbidden' },
  'POST /api/v1/support-systems': {
    roles: ['county-admin'],
    outside: 'forbidden',
    body: {
      systemId: 'matrix-system',
      name: '矩阵',
      regionCode: '222426',
      leadUnitId: 'jl-wjw',
      memberUnitIds: [],
      firstQuarter: '2099-Q1',
    },
  },
  'POST /api/v1/support-systems/{systemId}/meetings': {
    roles: ['township-reviewer', 'county-admin'],
    outside: 'concealed',
    body: { meetingId: 'matrix-meeting', quarter: '2026-Q1', heldOn: '2026-02-15', attendance: ['jl-wjw'], decisions: [] },
  },
  'GET /api/v1/regions/{code}/support-systems': { roles: ALL, outside: 'forbidden' },
  'GET /api/v1/regions/{code}/visit-coverage': { roles: ALL, outside: 'forbidden' },
  'GET /api/v1/regions/{code}/overdue-visits': { roles: ALL, outside: 'forbidden' },
  'POST /api/v1/regions/{code}/visit-policy': {
    roles: ['county-admin'],
    outside: 'forbidden',
    body: {
      effectiveFrom: '2099-01-01',
      ...DEFAULT_VISIT_TERMS,
      reason: '矩阵测试',
    },
  },
  'GET /api/v1/regions/{code}/visit-policy': { roles: ALL, outside: 'forbidden' },
  'GET /api/v1/flags': {
    roles: ['work-team', 'township-reviewer', 'county-admin', 'leader', 'inspector', 'discipline', 'auditor'],
    outside: (body) => (body as { flags: { villageCode: string }[] }).flags.every((flag) => flag.villageCode.startsWith('61')),
  },
  'POST /api/v1/funds': {
    roles: ['county-admin'],
    outside: 'forbidden',
    body: {
      fundId: 'matrix-fund',
      source: '社会捐赠',
      amountFen: 100,
      regionCode: '222424104203',
      purpose: '其他',
      documentNumber: '矩阵〔2026〕1号',
      allocatedOn: '2026-01-01',
    },
  },
  'POST /api/v1/funds/{fundId}/disbursements': {
    roles: ['township-reviewer', 'county-admin'],
    outside: 'concealed',
    body: { recipient: { kind: 'village', id: '222424104203' }, amountFen: 1, voucherNumber: '矩阵-1' },
  },
  'POST /api/v1/funds/{fundId}/disbursements/{disbursementId}/confirmation': {
    roles: ['cadre', 'work-team', 'township-reviewer', 'county-admin'],
    outside: 'concealed',
    body: { confirmedBy: '矩阵' },
  },
  'POST /api/v1/funds/{fundId}/recoveries': {
    roles: ['county-admin'],
    outside: 'concealed',
    body: { disbursementId: 'demo-nuanyufang-1', amountFen: 1, reason: '矩阵测试' },
  },
  'GET /api/v1/funds/{fundId}/trace': { roles: ALL, outside: 'concealed' },
  'POST /api/v1/funds/{fundId}/reallocations': {
    roles: ['county-admin'],
    outside: 'concealed',
    body: {
      toFundId: 'matrix-moved',
      amountFen: 1,
      regionCode: '222424104203',
      purpose: '其他',
      documentNumber: '矩阵',
      reason: '矩阵测试',
    },
  },
  'GET /api/v1/regions/{code}/funds': { roles: ALL, outside: 'forbidden' },
  'POST /api/v1/projects': {
    roles: ['county-admin'],
    outside: 'forbidden',
    body: {
      projectId: 'matrix-project',
      name: '矩阵项目',
      regionCode: '222426103202',
      leadUnitId: 'jl-wjw',
      budgetFen: 100,
      dueOn: '2030-01-01',
    },
  },
  'POST /api/v1/projects/{projectId}/beneficiaries': {
    roles: ['township-reviewer', 'county-admin'],
    outside: 'concealed',
    body: { householdIds: ['2224261032020001'], link: '入股分红' },
  },
  'POST /api/v1/projects/{projectId}/milestones': {
    roles: ['township-reviewer', 'county-admin'],
    outside: 'concealed',
    body: { milestone: '矩阵' },
  },
  'POST /api/v1/projects/{projectId}/completion': {
    roles: ['township-reviewer', 'county-admin'],
    outside: 'concealed',
    body: { completedOn: '2020-01-01T00:00:00Z' },
  },
  'POST /api/v1/projects/{projectId}/acceptance': {
    roles: ['township-reviewer', 'county-admin', 'inspector'],
    outside: 'concealed',
    body: { passed: true },
  },
  'POST /api/v1/projects/{projectId}/notice': {
    roles: ['township-reviewer', 'county-admin'],
    outside: 'concealed',
    body: { days: 7, content: '矩阵公示' },
  },
  'GET /api/v1/projects/{projectId}': { roles: ALL, outside: 'concealed' },
  'GET /api/v1/households/{id}/benefits': { roles: ALL, outside: 'forbidden' },
  'POST /api/v1/exits': {
    roles: ['work-team', 'township-reviewer', 'county-admin'],
    outside: 'forbidden',
    body: { householdId: '2224261032010005', reason: '矩阵测试' },
  },
  'POST /api/v1/exits/{exitId}/steps/{step}': {
    roles: ['work-team', 'township-reviewer', 'county-admin'],
    outside: 'concealed',
    body: { action: 'approve', review: { opinion: '矩阵测试' } },
  },
  'GET /api/v1/exits/{exitId}': { roles: ALL, outside: 'concealed' },
  'POST /api/v1/identifications': {
    roles: ['work-team', 'township-reviewer', 'county-admin'],
    outside: 'forbidden',
    body: { householdId: '2224261032010098', reason: '矩阵测试' },
  },
  'POST /api/v1/removals': {
    roles: ['work-team', 'township-reviewer', 'county-admin'],
    outside: 'forbidden',
    body: { householdId: '2224261032010005', reason: '矩阵测试' },
  },
  'GET /api/v1/regions/{code}/exit-pipeline': { roles: ALL, outside: 'forbidden' },
  'GET /api/v1/regions/{code}/exit-indicators': { roles: ALL, outside: 'forbidden' },
  'POST /api/v1/regions/{code}/exit-standards': {
    roles: ['county-admin'],
    outside: 'forbidden',
    body: { effectiveFrom: '2099-01-01', incomeLineFen: 400_000, incidenceLimitBp: 200, villageChecklist: [], reason: '矩阵测试' },
  },
  'POST /api/v1/regions/{code}/rural-population': {
    roles: ['county-admin'],
    outside: 'forbidden',
    body: { population: 100, asOf: '2026-01-01', source: '矩阵测试' },
  },
  'POST /api/v1/regions/{code}/exit-spot-checks': {
    roles: ['county-admin', 'inspector'],
    outside: 'forbidden',
    body: { checkId: 'matrix', checkedOn: '2026-01-01', exitedSampled: 1, wronglyExited: 0, othersSampled: 1, missedPoor: 0, team: '矩阵' },
  },
  'POST /api/v1/regions/{code}/satisfaction-surveys': {
    roles: ['county-admin', 'inspector'],
    outside: 'forbidden',
    body: { surveyId: 'matrix', surveyedOn: '2026-01-01', respondents: 10, satisfied: 9, team: '矩阵' },
  },
  'POST /api/v1/ledger/checkpoints': { roles: ['county-admin', 'discipline', 'auditor'], outside: 'allowed', body: { reason: '矩阵测试' } },
  'GET /api/v1/ledger/checkpoints': { roles: ['county-admin', 'inspector', 'discipline', 'auditor'], outside: 'allowed' },
  'GET /api/v1/ledger/checkpoints/latest': { roles: ['county-admin', 'inspector', 'discipline', 'auditor'], outside: 'allowed' },
  'GET /api/v1/dossiers/{subject}/{id}': { roles: ['county-admin', 'inspector', 'discipline', 'auditor'], outside: 'forbidden' },
  'POST /api/v1/inspections': {
    roles: ['inspector', 'county-admin'],
    outside: 'forbidden',
    body: { inspectionId: 'matrix-insp', regionCode: '222426', kind: 'village', size: 1, seed: 'm', purpose: '矩阵测试', team: '矩阵' },
  },
  'GET /api/v1/cadres': { roles: ALL, outside: (body) => (body as { cadres: unknown[] }).cadres.length === 0 },
  'GET /api/v1/inspections': {
    roles: ['county-admin', 'leader', 'inspector', 'discipline', 'auditor'],
    outside: (body) => (body as { inspections: unknown[] }).inspections.length === 0,
  },
  'GET /api/v1/inspections/{inspectionId}': {
    roles: ['county-admin', 'leader', 'inspector', 'discipline', 'auditor'],
    outside: 'concealed',
  },
  'POST /api/v1/findings': {
    roles: ['inspector', 'county-admin'],
    outside: 'forbidden',
    body: {
      findingId: 'matrix-fd',
      target: { kind: 'village', id: '222426103201' },
      type: '矩阵',
      severity: '一般',
      description: '矩阵测试',
      evidence: [],
      eventIds: [],
    },
  },
  'POST /api/v1/findings/{findingId}/rectification': {
    roles: ['cadre', 'work-team', 'township-reviewer', 'county-admin', 'inspector'],
    outside: 'concealed',
    body: { action: 'report', measures: '矩阵测试' },
  },
  'GET /api/v1/findings': { roles: ALL, outside: (body) => (body as { findings: unknown[] }).findings.length === 0 },
  'POST /api/v1/cases': {
    roles: ['discipline'],
    outside: 'forbidden',
    body: {
      caseId: 'matrix-case',
      against: { kind: 'person', id: 'jl-wjw-01' },
      summary: '矩阵测试',
      groundEventIds: [DEMO_GROUND],
    },
  },
  'POST /api/v1/cases/{caseId}/decision': {
    roles: ['discipline'],
    outside: 'concealed',
    body: { partyId: 'jl-wjw-08', decision: '诫勉', reason: '矩阵测试' },
  },
  'GET /api/v1/cases': {
    roles: ['discipline', 'auditor', 'county-admin'],
    outside: (body) => (body as { cases: unknown[] }).cases.length === 0,
  },
  'GET /api/v1/cases/{caseId}': { roles: ['discipline', 'auditor', 'county-admin'], outside: 'concealed' },
  'POST /api/v1/tasks': {
    roles: ['county-admin', 'leader'],
    outside: 'forbidden',
    body: {
      taskId: 'matrix-task',
      plan: '矩阵',
      item: '1',
      title: '矩阵测试',
      regionCode: '222426',
      leadUnit: '矩阵',
      target: { quantity: 1, unit: '项' },
      deadline: '2099-01-01T00:00:00Z',
    },
  },
  'POST /api/v1/tasks/{taskId}/progress': {
    roles: ['work-team', 'township-reviewer', 'county-admin'],
    outside: 'concealed',
    body: { completed: 1, note: '矩阵测试' },
  },
  'POST /api/v1/tasks/{taskId}/completion': {
    roles: ['work-team', 'township-reviewer', 'county-admin'],
    outside: 'concealed',
    body: { note: '矩阵测试' },
  },
  'POST /api/v1/tasks/{taskId}/verification': {
    roles: ['county-admin', 'leader', 'inspector'],
    outside: 'concealed',
    body: { approved: false, note: '矩阵测试' },
  },
  'GET /api/v1/tasks': { roles: ALL, outside: (body) => (body as { tasks: unknown[] }).tasks.length === 0 },
  'GET /api/v1/regions/{code}/task-board': { roles: ALL, outside: 'forbidden' },
  'GET /api/v1/rankings': { roles: ALL, outside: (body) => (body as { rankings: unknown[] }).rankings.length === 0 },
  'GET /api/v1/rankings/cadres': { roles: ALL, outside: (body) => (body as { rankings: unknown[] }).rankings.length === 0 },
  'GET /api/v1/rankings/villages': { roles: ALL, outside: (body) => (body as { rankings: unknown[] }).rankings.length === 0 },
  'POST /api/v1/recurring-tasks': {
    roles: ['county-admin'],
    outside: 'forbidden',
    body: {
      seriesId: 'matrix-series',
      plan: '矩阵',
      title: '矩阵测试',
      regionCode: '222426103',
      leadUnit: '矩阵',
      recurrence: 'monthly',
      firstPeriod: '2099-01',
      reportDays: 10,
      target: { quantity: 1, unit: '份' },
    },
  },
  'POST /api/v1/recurring-tasks/{seriesId}/end': { roles: ['county-admin'], outside: 'concealed', body: { reason: '矩阵测试' } },
  'GET /api/v1/regions/{code}/recurring-tasks': { roles: ALL, outside: 'forbidden' },
  'GET /api/v1/tasks/{taskId}': { roles: ALL, outside: 'concealed' },
  'GET /api/v1/regions/{code}/record': {
    roles: ['township-reviewer', 'county-admin', 'leader', 'inspector', 'discipline', 'auditor'],
    outside: 'forbidden',
  },
  'GET /api/v1/cadres/{cadreId}/record': {
    roles: ['township-reviewer', 'county-admin', 'leader', 'inspector', 'discipline', 'auditor'],
    outside: 'concealed',
  },
  // A workbook answers the rows of its JSON twin under the same scope (leaders-console-api checks the rows): from
  // another province, its own (empty) jurisdiction; a division or fund of ours is refused or concealed as the twin's.
  'GET /api/v1/exports/tasks.xlsx': { roles: ALL, outside: 'allowed' },
  'GET /api/v1/exports/rankings.xlsx': { roles: ALL, outside: 'allowed' },
  'GET /api/v1/exports/regions/{code}/overdue-visits.xlsx': { roles: ALL, outside: 'forbidden' },
  'GET /api/v1/exports/flags.xlsx': {
    roles: ['work-team', 'township-reviewer', 'county-admin', 'leader', 'inspector', 'discipline', 'auditor'],
    outside: 'allowed',
  },
  'GET /api/v1/exports/funds/{fundId}/trace.xlsx': { roles: ALL, outside: 'concealed' },
  'POST /api/v1/flags/{flagId}/review': {
    roles: ['cadre', 'work-team', 'township-reviewer', 'county-admin', 'inspector'],
    outside: 'forbidden',
    body: { status: 'explained', note: '矩阵测试' },
  },
  'GET /api/v1/events': { roles: ['county-admin', 'inspector', 'discipline', 'auditor'], outside: eventsOutsideJilin },
  'GET /api/v1/ledger/verify': { roles: ['county-admin', 'discipline', 'auditor'], outside: 'allowed' },
  'GET /api/v1/access-log': {
    roles: ['discipline', 'auditor'],
    outside: (body) => (body as { entries: { region: string | null }[] }).entries.every((row) => row.region?.startsWith('61')),
  },
  'POST /api/v1/personal-data/reveal': {
    roles: ['county-admin'],
    outside: 'forbidden',
    body: { stream: 'region-222426', revision: 0, field: 'name', reason: '矩阵测试核对' },
  },
};

// Refusals by the access gate; any other answer (a domain 403 such as NOT_YOUR_VISIT included) means it let the call through.
const GATE_REFUSALS = ['UNAUTHENTICATED', 'INVALID_TOKEN', 'ROLE_NOT_ALLOWED', 'OUTSIDE_JURISDICTION'];
const INSIDE = '220000'; // 吉林省: the demo data
const OUTSIDE = '610000'; // 陕西省

describe('access matrix: every route × every role × inside and outside the jurisdiction', () => {
  let t: TestApp;
  let operations: { method: string; path: string; action?: string }[];

  beforeAll(async () => {
    t = await startTestApp({ demo: true, env: { BANGFU_RATE_LIMIT_PER_MINUTE: '0' } });
    const doc = (await t.request('GET', '/docs-json')).body as { paths: Record<string, Record<string, { 'x-bangfu-action'?: string }>> };
    operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({ method: method.toUpperCase(), path, action: operation['x-bangfu-action'] })),
    );
  });
  afterAll(async () => t.close());

  it('has an expected entry and a policy action for every route in the OpenAPI document', () => {
    expect(operations.length).toBeGreaterThanOrEqual(Object.keys(EXPECTED).length);
    const unexpected = operations.map((op) => `${op.method} ${op.path}`).filter((key) => !EXPECTED[key]);
    expect(unexpected).toEqual([]);
    expect(operations.filter((op) => !op.action).map((op) => `${op.method} ${op.path}`)).toEqual([]);
  });

  it('answers each role inside and outside the jurisdiction as the table says', async () => {
    const mismatches: string[] = [];
    for (const op of operations) {
      const expected = EXPECTED[`${op.method} ${op.path}`];
      const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) => DEMO_PATH_PARAMS[name]);
      for (const role of ROLES) {
        for (const region of [INSIDE, OUTSIDE]) {
          const token = t.token([role], region, `matrix-${role}-${region}`);
          const response = await t.request(op.method, path, { token, body: expected.body });
          const allowed = expected.roles === 'public' || expected.roles.includes(role);
          const label = `${op.method} ${op.path} as ${role}@${region}: ${response.status} ${response.body?.code ?? ''}`;
          if (!allowed) {
            if (response.status !== 403 || response.body.code !== 'ROLE_NOT_ALLOWED')
              mismatches.push(`${label} (expected ROLE_NOT_ALLOWED)`);
          } else if (region === INSIDE || expected.outside === 'allowed') {
            if (GATE_REFUSALS.includes(response.body?.code) || response.status >= 500)
              mismatches.push(`${label} (expected to be let through)`);
          } else if (expected.outside === 'forbidden') {
            if (response.status !== 403 || response.body.code !== 'OUTSIDE_JURISDICTION')
              mismatches.push(`${label} (expected OUTSIDE_JURISDICTION)`);
          } else if (expected.outside === 'concealed') {
            if (response.status !== 404 || !/_NOT_FOUND$/.test(response.body.code))
              mismatches.push(`${label} (expected a 404 *_NOT_FOUND)`);
          } else if (response.status !== 200 || !expected.outside(response.body)) {
            mismatches.push(`${label} (expected an answer holding nothing of ${INSIDE})`);
          }
        }
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('refuses every non-public route without a token, with 401 problem+json', async () => {
    for (const op of operations) {
      if (EXPECTED[`${op.method} ${op.path}`].roles === 'public') continue;
      const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) => DEMO_PATH_PARAMS[name]);
      const response = await t.request(op.method, path, { body: EXPECTED[`${op.method} ${op.path}`].body });
      expect([op.path, response.status, response.headers.get('content-type')]).toEqual([
        op.path,
        401,
        expect.stringContaining('problem+json'),
      ]);
    }
  });
});
