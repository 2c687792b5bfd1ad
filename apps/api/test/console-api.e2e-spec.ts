import { startTestApp, type TestApp } from './test-app';

type Answer = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** What the console stands on: the app served at `/` with its security headers, `/me`, and demo sign-in kept off. */
describe('the console’s ground: static app, security headers, /me, demo sign-in off without the demo', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t.close());

  it('serves the console at / and at a deep link, with a strict CSP, frames denied and no referrer to other origins', async () => {
    for (const path of ['/', '/households/2224261032010001', '/my-households']) {
      const page = await fetch(`${t.baseUrl}${path}`);
      expect([path, page.status, page.headers.get('content-type')]).toEqual([path, 200, 'text/html; charset=utf-8']);
      expect(await page.text()).toContain('<div id="root"></div>');
      const csp = page.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(page.headers.get('x-frame-options')).toBe('DENY');
      expect(page.headers.get('referrer-policy')).toBe('same-origin');
    }
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(await (await fetch(`${t.baseUrl}/`)).text())?.[1];
    const asset = await fetch(`${t.baseUrl}${script}`);
    expect([asset.status, asset.headers.get('content-type')]).toEqual([200, 'application/javascript; charset=utf-8']);
    // Read to the end: a response left half-read holds its connection open, and the server's close waits for it.
    expect((await asset.arrayBuffer()).byteLength).toBeGreaterThan(0);
  });

  it('keeps the API’s own answers: an unknown API path is a problem+json 404, not the console', async () => {
    const unknown = await t.request('GET', '/api/v1/no-such-route');
    expect([unknown.status, unknown.headers.get('content-type'), (unknown.body as Answer).code]).toEqual([
      404,
      'application/problem+json; charset=utf-8',
      'NOT_FOUND',
    ]);
    expect((await t.request('GET', '/health')).status).toBe(200);
  });

  it('tells the signed-in actor who they are and which actions the access policy gives their roles', async () => {
    const cadre = (await t.request('GET', '/api/v1/me', { token: t.token(['cadre'], '220000', 'jl-wjw-01') })).body as Answer;
    expect(cadre).toMatchObject({ id: 'jl-wjw-01', roles: ['cadre'], regionCode: '220000' });
    expect(cadre.actions).toEqual(expect.arrayContaining(['visit.record', 'cadre.households', 'me.read']));
    expect(cadre.actions).not.toContain('household.register');
    const auditor = (await t.request('GET', '/api/v1/me', { token: t.token(['auditor'], '000000', 'au') })).body as Answer;
    expect(auditor).toMatchObject({ regionName: '全国' });
    expect(auditor.actions).toEqual(expect.arrayContaining(['access-log.read', 'ledger.verify']));
    expect(auditor.actions).not.toContain('visit.record');
    expect((await t.request('GET', '/api/v1/me')).status).toBe(401);
  });

  it('refuses demo sign-in on a store without the demo, and logs the refusal', async () => {
    const list = await t.request('GET', '/api/v1/demo/personas');
    expect([list.status, (list.body as Answer).code]).toEqual([403, 'DEMO_SIGNIN_OFF']);
    const signIn = await t.request('POST', '/api/v1/demo/sign-in', { body: { personaId: 'jl-wjw-01' } });
    expect([signIn.status, (signIn.body as Answer).code]).toEqual([403, 'DEMO_SIGNIN_OFF']);
    const log = await t.request('GET', '/api/v1/access-log?outcome=refused', { token: t.token(['auditor'], '000000', 'au') });
    expect((log.body as Answer).entries.map((e: Answer) => e.code)).toContain('DEMO_SIGNIN_OFF');
  });
});
