import { DEMO_PATH_PARAMS, startTestApp, type TestApp } from './test-app';

const DAY = 86_400_000;

/**
 * A correction of a wrong registration (原登记属性有误) holds from an earlier business time, while the record
 * still shows what it said before the correction was made: every corner of business time × record time.
 */
describe('corrections with an effective date', () => {
  let t: TestApp;
  const household = DEMO_PATH_PARAMS.id;
  let identifiedAt: number;
  let wrong: string;
  let right: string;
  let beforeCorrection: string;

  beforeAll(async () => {
    t = await startTestApp({ demo: true });
    const token = t.token(['county-admin'], '220000', 'records-clerk');
    const current = (await t.request('GET', `/api/v1/households/${household}`, { token })).body;
    identifiedAt = Date.parse(current.identifiedAt);
    wrong = current.category;
    right = wrong === '一般贫困户' ? '低保贫困户' : '一般贫困户';
    beforeCorrection = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 5));
    const corrected = await t.request('POST', `/api/v1/households/${household}/corrections`, {
      token,
      body: {
        changes: { category: right },
        reason: '原登记属性有误，经民政核实',
        effectiveFrom: new Date(identifiedAt + 30 * DAY).toISOString(),
      },
    });
    expect(corrected.status).toBe(201);
  });
  afterAll(async () => t.close());

  const categoryAt = async (asOfDays: number, knownAt?: string) => {
    const asOf = new Date(identifiedAt + asOfDays * DAY).toISOString();
    const query = `asOf=${asOf}${knownAt ? `&knownAt=${knownAt}` : ''}`;
    const answer = await t.request('GET', `/api/v1/households/${household}?${query}`, { token: t.token(['discipline'], '220000') });
    expect(answer.status).toBe(200);
    return answer.body.category;
  };

  it('as known now, after the effective date: the corrected value', async () => {
    expect(await categoryAt(45)).toBe(right);
  });

  it('as known now, before the effective date: the value that held then', async () => {
    expect(await categoryAt(15)).toBe(wrong);
  });

  it('as known before the correction, after the effective date: what the record said then', async () => {
    expect(await categoryAt(45, beforeCorrection)).toBe(wrong);
  });

  it('as known before the correction, before the effective date: what the record said then', async () => {
    expect(await categoryAt(15, beforeCorrection)).toBe(wrong);
  });

  it('refuses an effective date before the registration (409, a conflict with the record) or in the future (422)', async () => {
    const token = t.token(['county-admin'], '220000', 'records-clerk');
    const correct = (effectiveFrom: string) =>
      t.request('POST', `/api/v1/households/${household}/corrections`, {
        token,
        body: { changes: { category: wrong }, reason: '再次更正', effectiveFrom },
      });
    const early = await correct(new Date(identifiedAt - DAY).toISOString());
    expect([early.status, early.body.code, early.body.field]).toEqual([409, 'BEFORE_REGISTRATION', 'effectiveFrom']);
    const future = await correct(new Date(Date.now() + 30 * DAY).toISOString());
    expect(future.status).toBe(422);
    expect(future.body.errors).toEqual([expect.objectContaining({ field: 'effectiveFrom', code: 'TIME_IN_FUTURE' })]);
  });
});
