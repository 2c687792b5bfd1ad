import { DEFAULT_VISIT_TERMS, ROLES } from '@bangfu/domain';
import fc from 'fast-check';
import { DEMO_PATH_PARAMS, startTestApp, type TestApp } from './test-app';

/** A valid body for each command route; every generated body is made invalid from it, by construction. */
const OK = { result: 'met' };
// Every field here is required, so that a body missing any one of them is malformed (the report days are optional).
const { teamReportDays: _optional, ...REQUIRED_VISIT_TERMS } = DEFAULT_VISIT_TERMS;

const VALID: Record<string, Record<string, unknown>> = {
  '/api/v1/regions': { code: '222426103298', name: '模糊测试村' },
  '/api/v1/demo/sign-in': { personaId: 'jl-wjw-01' },
  '/api/v1/units': { unitId: 'fuzz-unit', name: '模糊测试单位', regionCode: '220000', leadOfficial: '测试' },
  '/api/v1/cadres': { cadreId: 'fuzz-cadre', name: '模糊', unitId: 'jl-wjw', position: '科员' },
  '/api/v1/cadres/{cadreId}/recall': { reason: '模糊测试', handovers: [] },
  '/api/v1/households': {
    householdId: '2224261032010098',
    villageCode: '222426103201',
    members: [{ name: '模糊', idNumber: '11010519491231002X', relation: '户主' }],
    category: '一般贫困户',
    causes: ['因病'],
  },
  '/api/v1/households/{id}/corrections': { changes: { category: '低保贫困户' }, reason: '模糊测试' },
  '/api/v1/households/{id}/removal': { reason: 'VEHICLE', detail: '模糊测试' },
  '/api/v1/households/{id}/relapse': { reason: '模糊测试' },
  '/api/v1/households/{id}/assignments': { cadreId: 'jl-wjw-02' },
  '/api/v1/households/{id}/assignments/end': { reason: '模糊测试' },
  '/api/v1/villages/{code}/assignments': { unitId: 'jl-wjw' },
  '/api/v1/villages/{code}/work-teams': { memberIds: ['jl-wjw-13'], firstSecretaryId: 'jl-wjw-14' },
  '/api/v1/households/{id}/visits': {
    cadreId: 'jl-wjw-01',
    kind: '走访',
    occurredAt: '2020-01-01T00:00:00Z',
    findings: { food: OK, clothing: OK, education: OK, medical: OK, housing: OK, water: OK },
  },
  '/api/v1/households/{id}/visits/{visitId}/retraction': { reason: '模糊测试' },
  '/api/v1/households/{id}/plan/measures': {
    measureId: 'fuzz-measure',
    kind: '产业',
    promise: '模糊测试',
    cadreId: 'jl-wjw-01',
    dueOn: '2099-01-01',
  },
  '/api/v1/households/{id}/plan/measures/{measureId}/revisions': { dueOn: '2099-02-01', reason: '模糊测试' },
  '/api/v1/households/{id}/plan/measures/{measureId}/delivery': { delivered: false, reason: '模糊测试' },
  '/api/v1/villages/{code}/work-team-reports': { month: '2026-01', summary: '模糊测试' },
  '/api/v1/support-systems': {
    systemId: 'fuzz-system',
    name: '模糊',
    regionCode: '222426',
    leadUnitId: 'jl-wjw',
    memberUnitIds: [],
    firstQuarter: '2099-Q1',
  },
  '/api/v1/support-systems/{systemId}/meetings': {
    meetingId: 'fuzz-meeting',
    quarter: '2099-Q1',
    heldOn: '2099-02-15',
    attendance: ['jl-wjw'],
    decisions: [],
  },
  '/api/v1/funds': {
    fundId: 'fuzz-fund',
    source: '社会捐赠',
    amountFen: 100,
    regionCode: '222424104203',
    purpose: '其他',
    documentNumber: '模糊〔2026〕1号',
    allocatedOn: '2026-01-01',
  },
  '/api/v1/funds/{fundId}/disbursements': { recipient: { kind: 'village', id: '222424104203' }, amountFen: 1, voucherNumber: '模糊-1' },
  '/api/v1/funds/{fundId}/disbursements/{disbursementId}/confirmation': { confirmedBy: '模糊' },
  '/api/v1/funds/{fundId}/reallocations': {
    toFundId: 'fuzz-moved',
    amountFen: 1,
    regionCode: '222424104203',
    purpose: '其他',
    documentNumber: '模糊',
    reason: '模糊测试',
  },
  '/api/v1/funds/{fundId}/recoveries': { disbursementId: 'demo-nuanyufang-1', amountFen: 1, reason: '模糊测试' },
  '/api/v1/projects': {
    projectId: 'fuzz-project',
    name: '模糊项目',
    regionCode: '222426103202',
    leadUnitId: 'jl-wjw',
    budgetFen: 100,
    dueOn: '2030-01-01',
  },
  '/api/v1/projects/{projectId}/beneficiaries': { householdIds: ['2224261032020001'], link: '入股分红' },
  '/api/v1/projects/{projectId}/milestones': { milestone: '模糊' },
  '/api/v1/projects/{projectId}/completion': { completedOn: '2020-01-01T00:00:00Z' },
  '/api/v1/projects/{projectId}/acceptance': { passed: true },
  '/api/v1/projects/{projectId}/notice': { days: 7, content: '模糊公示' },
  '/api/v1/regions/{code}/visit-policy': {
    effectiveFrom: '2099-01-01',
    ...REQUIRED_VISIT_TERMS,
    reason: '模糊测试',
  },
  '/api/v1/exits': { householdId: '2224261032010005', reason: '模糊测试' },
  '/api/v1/exits/{exitId}/steps/{step}': { action: 'approve' },
  '/api/v1/identifications': { householdId: '2224261032010098', reason: '模糊测试' },
  '/api/v1/removals': { householdId: '2224261032010005', reason: '模糊测试' },
  '/api/v1/regions/{code}/go-live': { goLiveOn: '2026-01-01', reason: '模糊测试' },
  '/api/v1/regions/{code}/exit-standards': {
    effectiveFrom: '2099-01-01',
    incomeLineFen: 400_000,
    incidenceLimitBp: 200,
    villageChecklist: [],
    reason: '模糊测试',
  },
  '/api/v1/regions/{code}/rural-population': { population: 100, asOf: '2026-01-01', source: '模糊测试' },
  '/api/v1/regions/{code}/exit-spot-checks': {
    checkId: 'fuzz',
    checkedOn: '2026-01-01',
    exitedSampled: 1,
    wronglyExited: 0,
    othersSampled: 1,
    missedPoor: 0,
    team: '模糊',
  },
  '/api/v1/regions/{code}/satisfaction-surveys': {
    surveyId: 'fuzz',
    surveyedOn: '2026-01-01',
    respondents: 10,
    satisfied: 9,
    team: '模糊',
  },
  '/api/v1/ledger/checkpoints': { reason: '模糊测试' },
  '/api/v1/inspections': { inspectionId: 'fuzz-insp', regionCode: '222426', kind: 'village', size: 1, purpose: '模糊测试', team: '模糊' },
  '/api/v1/findings': {
    findingId: 'fuzz-fd',
    target: { kind: 'village', id: '222426103201' },
    type: '模糊',
    severity: '一般',
    description: '模糊测试',
    evidence: [],
    eventIds: [],
  },
  '/api/v1/findings/{findingId}/rectification': { action: 'report', measures: '模糊测试' },
  '/api/v1/cases': {
    caseId: 'fuzz-case',
    against: { kind: 'person', id: 'jl-wjw-01' },
    summary: '模糊测试',
    groundEventIds: ['0f0f0f0f-0000-4000-8000-000000000000'],
  },
  '/api/v1/cases/{caseId}/decision': { partyId: 'jl-wjw-08', decision: '诫勉', reason: '模糊测试' },
  '/api/v1/tasks': {
    taskId: 'fuzz-task',
    plan: '模糊',
    item: '1',
    title: '模糊测试',
    regionCode: '222426',
    leadUnit: '模糊',
    target: { quantity: 1, unit: '项' },
    deadline: '2099-01-01T00:00:00Z',
  },
  '/api/v1/tasks/{taskId}/progress': { completed: 1, note: '模糊测试' },
  '/api/v1/tasks/{taskId}/completion': { note: '模糊测试' },
  '/api/v1/tasks/{taskId}/verification': { approved: false, note: '模糊测试' },
  '/api/v1/recurring-tasks': {
    seriesId: 'fuzz-series',
    plan: '模糊',
    title: '模糊测试',
    regionCode: '222426103',
    leadUnit: '模糊',
    recurrence: 'monthly',
    firstPeriod: '2099-01',
    reportDays: 10,
    target: { quantity: 1, unit: '份' },
  },
  '/api/v1/recurring-tasks/{seriesId}/end': { reason: '模糊测试' },
  '/api/v1/flags/{flagId}/review': { status: 'explained', note: '模糊测试' },
  '/api/v1/personal-data/reveal': { stream: 'region-222426', revision: 0, field: 'name', reason: '模糊测试核对' },
};

// Values of a JSON type no field of these DTOs accepts in place of a string or an integer.
const wrongTyped = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.array(fc.jsonValue(), { minLength: 1, maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.jsonValue(), { maxKeys: 3 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Number.isInteger(n)),
);

function wrongFor(validValue: unknown, value: unknown, n: number): unknown {
  if (typeof validValue === 'string') return typeof value === 'number' ? n : value;
  if (typeof validValue === 'boolean') return typeof value === 'boolean' ? String(value) : value;
  return value;
}

/** The valid body's JSON text with one field's value replaced by `valueText`, written as raw JSON. */
function withRawValue(valid: Record<string, unknown>, key: string, valueText: string): string {
  return JSON.stringify({ ...valid, [key]: '\u0000PLACEHOLDER' }).replace('"\\u0000PLACEHOLDER"', valueText);
}

// Byte sequences that are not UTF-8: a lone continuation byte, a truncated sequence, an overlong '/', a surrogate.
const NOT_UTF8 = [[0xff], [0x80], [0xc3], [0xe4, 0xb8], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80]];
const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', '__defineGetter__'];

function malformed(valid: Record<string, unknown>) {
  const keys = Object.keys(valid);
  const field = fc.constantFrom(...keys);
  return fc.oneof(
    // a value nested deeper than any command needs, up to the depth that used to overflow validation
    fc.tuple(field, fc.integer({ min: 33, max: 12_000 }), fc.boolean()).map(([key, depth, arrays]) => ({
      raw: withRawValue(valid, key, arrays ? `${'['.repeat(depth)}${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`),
    })),
    // a string longer than any field allows (the longest takes 5,000 characters), but under the 1 MiB body limit
    fc.tuple(field, fc.integer({ min: 6_000, max: 100_000 }), fc.constantFrom('a', '字', '😀', '\u0000')).map(([key, n, unit]) => ({
      json: { ...valid, [key]: unit.repeat(n) },
    })),
    // bytes that are not UTF-8 inside a string value
    fc.tuple(fc.constantFrom(...NOT_UTF8), fc.nat()).map(([bytes, at]) => {
      const text = Buffer.from(JSON.stringify(valid));
      const quote = [...text.entries()].filter(([, byte]) => byte === 0x22).map(([i]) => i);
      const cut = quote[(at % (quote.length / 2)) * 2] + 1; // just inside an opening quote
      return { raw: Buffer.concat([text.subarray(0, cut), Buffer.from(bytes), text.subarray(cut)]) };
    }),
    // a key that would shadow or poison Object.prototype, at the top or inside a field
    fc.tuple(fc.constantFrom(...PROTOTYPE_KEYS), field, fc.boolean()).map(([protoKey, key, nested]) => ({
      raw: nested
        ? withRawValue(valid, key, `{${JSON.stringify(protoKey)}:{"polluted":true}}`)
        : `{${JSON.stringify(protoKey)}:{"polluted":true},${JSON.stringify(valid).slice(1)}`,
    })),
    // a required field missing
    field.map((key) => ({ json: Object.fromEntries(Object.entries(valid).filter(([k]) => k !== key)) })),
    // a field of the wrong type (a number where a string is wanted, a string where a boolean is, or anything but an integer)
    fc.tuple(field, wrongTyped, fc.integer()).map(([key, value, n]) => ({
      json: { ...valid, [key]: wrongFor(valid[key], value, n) },
    })),
    // a field the DTO does not know
    fc
      .tuple(
        fc.string({ minLength: 1, maxLength: 12 }).filter((k) => !keys.includes(k) && k !== '__proto__'),
        fc.jsonValue(),
      )
      .map(([key, value]) => ({
        json: { ...valid, [key]: value },
      })),
    // not an object at all
    fc.oneof(fc.array(fc.jsonValue(), { maxLength: 4 }), fc.string(), fc.integer(), fc.boolean()).map((json) => ({ json })),
    // not JSON: cut short or garbled
    fc.tuple(fc.nat(), fc.string({ maxLength: 8 })).map(([cut, junk]) => {
      const text = JSON.stringify(valid);
      return { raw: `${text.slice(0, cut % text.length)}${junk}{` };
    }),
  );
}

describe('malformed bodies on every command route', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ demo: true, env: { BANGFU_RATE_LIMIT_PER_MINUTE: '0' } });
  });
  afterAll(async () => t.close());

  it('covers every command route of the OpenAPI document', async () => {
    const doc = (await t.request('GET', '/docs-json')).body as { paths: Record<string, Record<string, unknown>> };
    const commandRoutes = Object.entries(doc.paths)
      .filter(([, methods]) => 'post' in methods)
      .map(([path]) => path);
    expect(commandRoutes.sort()).toEqual(Object.keys(VALID).sort());
  });

  it('answers 10,000 malformed bodies (types, depth, sizes, encodings, prototype keys) with 400/422 problem+json, never 5xx, appending nothing', async () => {
    // Every role, so that no route's gate answers before its validation does.
    const token = t.token([...ROLES], '000000', 'fuzzer');
    const before = await t.domainEventCount();
    const statuses = new Map<number, number>();
    const routes = Object.keys(VALID);
    const runsPerRoute = Math.ceil(10_000 / routes.length);
    for (const route of routes) {
      await fc.assert(
        fc.asyncProperty(malformed(VALID[route]), async (body) => {
          const response = await t.request(
            'POST',
            route.replace(/\{(\w+)\}/g, (_, name: string) => DEMO_PATH_PARAMS[name]),
            {
              token,
              ...('raw' in body ? { rawBody: body.raw } : { body: body.json }),
            },
          );
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
          expect([400, 422]).toContain(response.status);
          expect(response.headers.get('content-type')).toContain('application/problem+json');
          expect(typeof response.body.code).toBe('string');
        }),
        // A fixed seed keeps CI reproducible; set FC_SEED to explore other bodies.
        { numRuns: runsPerRoute, seed: Number(process.env.FC_SEED ?? 20261122) },
      );
    }
    expect([...statuses.values()].reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(10_000);
    expect(await t.domainEventCount()).toBe(before);
    // Nothing was polluted on the way.
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  }, 300_000);
});
