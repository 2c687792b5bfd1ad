import { ROLES } from '@bangfu/domain';
import { signToken } from '@bangfu/application';
import { startTestApp, type TestApp } from './test-app';

/**
 * A correctly signed token with an odd claim, an id probed across jurisdictions, a hostile body or URL:
 * each is refused, never widened, and leaves the log as it was.
 */
describe('fail closed: odd token claims, probed ids, hostile bodies and URLs', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ demo: true, env: { BANGFU_RATE_LIMIT_PER_MINUTE: '0' } });
  });
  afterAll(async () => t.close());

  const signed = (claims: Record<string, unknown>) =>
    signToken({ sub: 'odd-idp-user', roles: ['county-admin'], region: '220000', ttlSeconds: 600, ...claims } as never, 'e2e-secret');

  describe('token claims', () => {
    it.each([
      ['the internal role', { roles: ['system'] }, 'UNKNOWN_ROLE'],
      ['the internal role beside a public one', { roles: ['county-admin', 'system'] }, 'UNKNOWN_ROLE'],
      ['a role this build does not know', { roles: ['superuser'] }, 'UNKNOWN_ROLE'],
      ['no role', { roles: [] }, 'MISSING_ROLES_CLAIM'],
      ['a subject reserved for the system', { sub: 'system' }, 'RESERVED_SUBJECT'],
      ['an import actor as subject', { sub: 'import:clerk' }, 'RESERVED_SUBJECT'],
    ])('refuses a token naming %s with 401', async (_, claims, code) => {
      const answer = await t.request('GET', '/api/v1/regions', { token: signed(claims) });
      expect(answer.status).toBe(401);
      expect(answer.body.code).toBe(code);
    });

    it.each(['2', '22', '%', '22%', '_', '2_', '220000\u0000', '2200', '22000', '990000', '222426103000', ''])(
      'refuses the region claim %j with 401 INVALID_REGION_CLAIM',
      async (region) => {
        const answer = await t.request('GET', '/api/v1/regions', { token: signed({ region }) });
        expect(answer.status).toBe(401);
        expect(answer.body.code).toBe('INVALID_REGION_CLAIM');
      },
    );

    it('refuses a token without a region claim, and writes nothing but the refusal', async () => {
      const before = await t.domainEventCount();
      const token = signed({ region: undefined });
      const answer = await t.request('POST', '/api/v1/regions', { token, body: { code: '222426103299', name: '无权村' } });
      expect(answer.status).toBe(401);
      expect(answer.body.code).toBe('INVALID_REGION_CLAIM');
      expect(await t.domainEventCount()).toBe(before);
    });

    it('still accepts every public role with a province, county, township, village or national region', async () => {
      for (const region of ['000000', '220000', '222400', '222426', '222426103', '222426103201']) {
        const answer = await t.request('GET', '/api/v1/regions', { token: signed({ roles: [...ROLES], region }) });
        expect(answer.status).toBe(200);
      }
    });
  });

  describe('ids outside one’s jurisdiction answer as unknown ones', () => {
    // 陕西 (610000) holds none of the demo: every demo id is outside it.
    const outsider = () => t.token([...ROLES], '610000', 'shaanxi-reviewer');
    const probes: [string, string, string, { method: string; body?: unknown }?][] = [
      ['fund trace', '/api/v1/funds/demo-yongxing-nuanyufang/trace', '/api/v1/funds/no-such-fund/trace'],
      ['project', '/api/v1/projects/demo-pandao-benzha-youfang', '/api/v1/projects/no-such-project'],
      ['exit case', '/api/v1/exits/2224261032010019-1', '/api/v1/exits/2224261032019999-1'],
      ['inspection', '/api/v1/inspections/demo-antu-q3', '/api/v1/inspections/no-such-inspection'],
      ['case', '/api/v1/cases/demo-case-001', '/api/v1/cases/no-such-case'],
      ['cadre', '/api/v1/cadres/jl-wjw-01', '/api/v1/cadres/no-such-cadre'],
      [
        'fund recovery',
        '/api/v1/funds/demo-yongxing-nuanyufang/recoveries',
        '/api/v1/funds/no-such-fund/recoveries',
        { method: 'POST', body: { disbursementId: 'demo-nuanyufang-1', amountFen: 1, reason: '探测' } },
      ],
      [
        'exit step',
        '/api/v1/exits/2224261032010019-1/steps/verification',
        '/api/v1/exits/2224261032019999-1/steps/verification',
        { method: 'POST', body: { action: 'approve' } },
      ],
    ];

    it.each(probes)('%s: a real id and an unknown one get the same answer', async (_, real, unknown, how = { method: 'GET' }) => {
      const token = outsider();
      const [a, b] = await Promise.all(
        [real, unknown].map((path) => t.request(how.method, path, { token, ...(how.body ? { body: how.body } : {}) })),
      );
      expect(a.status).toBe(404);
      expect(b.status).toBe(404);
      // The same body but for the id itself (in the detail and the instance).
      const shape = (answer: { body: Record<string, unknown> }, path: string) =>
        JSON.stringify(answer.body).replaceAll(path.split('/')[4], '<id>');
      expect(shape(a, real)).toBe(shape(b, unknown));
    });

    it('keeps each concealed refusal on the access log, with the division it concerned', async () => {
      await t.request('GET', '/api/v1/cases/demo-case-001', { token: t.token(['discipline'], '610000', 'probing-reviewer') });
      await t.settle();
      const log = await t.request('GET', '/api/v1/access-log?outcome=refused&actor=probing-reviewer', {
        token: t.token(['auditor'], '000000'),
      });
      expect(log.body.entries).toEqual([
        expect.objectContaining({
          code: 'OUTSIDE_JURISDICTION',
          path: '/api/v1/cases/demo-case-001',
          region: expect.stringMatching(/^22/),
        }),
      ]);
      expect(log.body.entries[0].detail).toMatchObject({ status: 404 });
    });

    it('a write to another division’s fund appends nothing, as /health’s count of business events shows', async () => {
      await t.settle();
      const health = async () => (await t.request('GET', '/health')).body.store;
      const counted = await health();
      const before = await t.domainEventCount();
      expect(counted.businessEvents).toBeGreaterThan(0);
      const answer = await t.request('POST', '/api/v1/funds/demo-yongxing-nuanyufang/recoveries', {
        token: outsider(),
        body: { disbursementId: 'demo-nuanyufang-1', amountFen: 1, reason: '越权' },
      });
      expect(answer.status).toBe(404);
      expect(await t.domainEventCount()).toBe(before);
      await t.settle();
      const after = await health();
      // The refusal itself went onto the access log (the head moved); no business event was appended.
      expect(after.head).toBeGreaterThan(counted.head);
      expect(after.businessEvents).toBe(counted.businessEvents);
    });
  });

  describe('hostile bodies and URLs', () => {
    const admin = () => t.token(['county-admin'], '220000', 'careful-admin');

    it.each([1_500, 10_000])('refuses a body nested %i levels deep with 400 before validation', async (depth) => {
      const rawBody = `{"reason":"深","householdId":${'['.repeat(depth)}${']'.repeat(depth)}}`;
      const answer = await t.request('POST', '/api/v1/exits', { token: admin(), rawBody });
      expect(answer.status).toBe(400);
      expect(answer.headers.get('content-type')).toContain('application/problem+json');
      expect(answer.body.code).toBe('BODY_TOO_DEEP');
    });

    it('refuses invalid UTF-8 in a JSON body with 400, storing nothing', async () => {
      const before = await t.domainEventCount();
      const body = Buffer.concat([Buffer.from('{"code":"222426103297","name":"'), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]);
      const answer = await fetch(`${t.baseUrl}/api/v1/regions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${admin()}`, 'content-type': 'application/json' },
        body,
      });
      expect(answer.status).toBe(400);
      expect(((await answer.json()) as { code: string }).code).toBe('INVALID_UTF8');
      expect(await t.domainEventCount()).toBe(before);
    });

    it.each([
      ['both subjects', { householdId: '2224261032010005', villageCode: '222426103201', reason: '两者' }],
      ['a non-string household beside a village', { householdId: 5, villageCode: '222426103201', reason: '两者' }],
      ['an operator object as village beside a household', { householdId: '2224261032010005', villageCode: { $ne: 1 }, reason: '两者' }],
      ['neither subject', { reason: '皆无' }],
    ])('POST /exits with %s: 422 naming the fields, no case opened', async (_, body) => {
      const before = await t.domainEventCount();
      const answer = await t.request('POST', '/api/v1/exits', { token: admin(), body });
      expect(answer.status).toBe(422);
      expect(answer.body.errors.length).toBeGreaterThan(0);
      expect(await t.domainEventCount()).toBe(before);
    });

    it('answers a URL Fastify cannot decode, or an over-long path parameter, as problem+json that echoes nothing', async () => {
      const long = 'a'.repeat(200);
      for (const [path, status] of [
        ['/api/v1/households/%E0%A4%A/timeline', 400],
        [`/api/v1/households/${long}/timeline`, 414],
      ] as const) {
        const answer = await fetch(`${t.baseUrl}${path}`, { headers: { authorization: `Bearer ${admin()}` } });
        const text = await answer.text();
        expect(answer.status).toBe(status);
        expect(answer.headers.get('content-type')).toContain('application/problem+json');
        expect(JSON.parse(text).code).toMatch(/^[A-Z_]+$/);
        expect(text).not.toContain('households');
      }
    });

    it('does not repeat an unknown route’s path back', async () => {
      const answer = await t.request('GET', '/api/v1/<script>probe', { token: admin() });
      expect(answer.status).toBe(404);
      expect(JSON.stringify(answer.body)).not.toContain('probe');
    });
  });
});
