import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { signToken } from '@bangfu/application';
import { runCli, startTestApp, type TestApp } from './test-app';

const hasSqlite3Cli = spawnSync('sqlite3', ['-version']).status === 0;

describe('API core through HTTP', () => {
  let t: TestApp;
  let admin: string;
  const head = async () => t.domainEventCount();

  beforeAll(async () => {
    t = await startTestApp();
    admin = t.token(['county-admin'], '220000', 'admin-jilin');
  });
  afterAll(async () => t.close());

  it('serves health, the OpenAPI document and its UI', async () => {
    const health = await t.request('GET', '/health');
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ status: 'ok', store: { adapter: t.config.store }, projections: { running: true } });
    expect((await t.request('GET', '/docs')).status).toBe(200);
    const doc = await t.request('GET', '/docs-json');
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining(['/api/v1/regions', '/api/v1/events', '/api/v1/ledger/verify', '/health']),
    );
  });

  it('refuses missing, malformed, forged and expired tokens with 401 problem+json', async () => {
    const cases = [
      undefined,
      'not-a-jwt',
      signToken({ sub: 'x', roles: ['county-admin'], region: '220000', ttlSeconds: 60 }, 'another-secret'),
      signToken(
        { sub: 'x', roles: ['county-admin'], region: '220000', ttlSeconds: 60, now: new Date(Date.now() - 3600_000) },
        'e2e-secret',
      ),
    ];
    for (const token of cases) {
      const response = await t.request('GET', '/api/v1/regions', { token });
      expect(response.status).toBe(401);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(response.body).toMatchObject({ status: 401, code: expect.stringMatching(/UNAUTHENTICATED|INVALID_TOKEN/) });
    }
  });

  it('records a command with the actor from the token and reads it back with minPosition', async () => {
    const created = await t.request('POST', '/api/v1/regions', { token: admin, body: { code: '220000', name: '吉林省' } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ streamId: 'region-220000', revision: 0, eventIds: [expect.any(String)] });
    const region = await t.request('GET', `/api/v1/regions/220000?minPosition=${created.body.position}`, { token: admin });
    expect(region.status).toBe(200);
    expect(region.body).toMatchObject({ code: '220000', name: '吉林省', level: 'province', parentCode: null });

    const log = await t.request('GET', '/api/v1/events?stream=region-220000', { token: t.token(['auditor'], '220000') });
    expect(log.status).toBe(200);
    const [event] = log.body.events;
    expect(event).toMatchObject({ type: 'RegionRegistered', streamId: 'region-220000', position: created.body.position });
    expect(event.metadata.actor).toMatchObject({ id: 'admin-jilin', roles: ['county-admin'], regionCode: '220000' });
    expect(event.metadata.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(Date.parse(event.metadata.recordedAt)).not.toBeNaN();
  });

  it('answers bad input with 400/422 field errors and appends nothing', async () => {
    const before = await head();
    const unknownField = await t.request('POST', '/api/v1/regions', {
      token: admin,
      body: { code: '222400', name: '延边', actor: 'someone-else' },
    });
    expect(unknownField.status).toBe(422);
    expect(unknownField.body).toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [expect.objectContaining({ field: 'actor', code: 'UNKNOWN_PROPERTY' })],
    });
    const badCode = await t.request('POST', '/api/v1/regions', { token: admin, body: { code: '22-400', name: '' } });
    expect(badCode.status).toBe(422);
    expect(badCode.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['code', 'name']);
    const malformed = await t.request('POST', '/api/v1/regions', { token: admin, rawBody: '{"code": "222400",' });
    expect(malformed.status).toBe(400);
    expect(malformed.headers.get('content-type')).toContain('application/problem+json');
    expect(malformed.body).toMatchObject({ code: 'MALFORMED_JSON' });
    expect(JSON.stringify(malformed.body)).not.toMatch(/node_modules|at .*\.js|SELECT/);
    const huge = await t.request('POST', '/api/v1/regions', { token: admin, body: { code: '222400', name: 'x'.repeat(2 * 1024 * 1024) } });
    expect(huge.status).toBe(413);
    expect(huge.body).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    const notJson = await t.request('POST', '/api/v1/regions', {
      token: admin,
      rawBody: 'code=1',
      headers: { 'content-type': 'text/plain' },
    });
    expect(notJson.status).toBe(415);
    expect(notJson.headers.get('content-type')).toContain('application/problem+json');
    const badQuery = await t.request('GET', '/api/v1/regions?minPosition=-3', { token: admin });
    expect(badQuery.status).toBe(422);
    expect(await head()).toBe(before);
  });

  it('refuses rule violations with 409 and a stable code, appending nothing', async () => {
    const before = await head();
    const duplicate = await t.request('POST', '/api/v1/regions', { token: admin, body: { code: '220000', name: '吉林省' } });
    expect(duplicate).toMatchObject({ status: 409, body: { code: 'REGION_ALREADY_REGISTERED' } });
    const orphan = await t.request('POST', '/api/v1/regions', { token: admin, body: { code: '222426', name: '安图县' } });
    expect(orphan).toMatchObject({ status: 409, body: { code: 'PARENT_REGION_NOT_REGISTERED', parentCode: '222400' } });
    const invalid = await t.request('POST', '/api/v1/regions', { token: admin, body: { code: '222426000', name: 'x' } });
    expect(invalid).toMatchObject({ status: 422, body: { code: 'INVALID_REGION_CODE' } });
    expect(await head()).toBe(before);
  });

  it('refuses a role without the right and a region outside the jurisdiction, appending nothing', async () => {
    const before = await head();
    const cadre = await t.request('POST', '/api/v1/regions', {
      token: t.token(['cadre'], '220000'),
      body: { code: '222400', name: '延边' },
    });
    expect(cadre).toMatchObject({ status: 403, body: { code: 'ROLE_NOT_ALLOWED' } });
    const outside = await t.request('POST', '/api/v1/regions', {
      token: t.token(['county-admin'], '610728'),
      body: { code: '222400', name: '延边' },
    });
    expect(outside).toMatchObject({ status: 403, body: { code: 'OUTSIDE_JURISDICTION' } });
    const read = await t.request('GET', '/api/v1/regions/220000', { token: t.token(['cadre'], '610728') });
    expect(read).toMatchObject({ status: 403, body: { code: 'OUTSIDE_JURISDICTION' } });
    expect(await head()).toBe(before);
    const log = await t.request('GET', '/api/v1/access-log?outcome=refused', { token: t.token(['auditor'], '000000') });
    expect(log.status).toBe(200);
    const codes = log.body.entries.map(
      (entry: { code: string; actor: { roles: string[] } }) => `${entry.code}:${entry.actor.roles.join()}`,
    );
    expect(codes).toEqual(
      expect.arrayContaining(['ROLE_NOT_ALLOWED:cadre', 'OUTSIDE_JURISDICTION:county-admin', 'OUTSIDE_JURISDICTION:cadre']),
    );
  });

  it('makes a resend with the same Idempotency-Key harmless and refuses the key with another body', async () => {
    const send = (name: string) =>
      t.request('POST', '/api/v1/regions', { token: admin, body: { code: '222400', name }, headers: { 'idempotency-key': 'reg-222400' } });
    const first = await send('延边朝鲜族自治州');
    expect(first.status).toBe(201);
    const before = await head();
    const again = await send('延边朝鲜族自治州');
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(await head()).toBe(before);
    const reused = await send('另一个名字');
    expect(reused).toMatchObject({ status: 422, body: { code: 'IDEMPOTENCY_KEY_REUSED' } });
    expect(await head()).toBe(before);
  });

  it('lets verify pass on what the API wrote, and name the event after one stored byte is changed', async () => {
    await t.request('POST', '/api/v1/regions', { token: admin, body: { code: '222426', name: '安图县' } });
    const auditor = t.token(['auditor'], '220000');
    expect((await t.request('GET', '/api/v1/ledger/verify', { token: auditor })).body).toMatchObject({ ok: true });
    const env = t.cliEnv;
    expect((await runCli(['verify'], env)).stdout).toMatch(/verified \d+ events in \d+ streams/);

    const target = (await t.request('GET', '/api/v1/events?stream=region-222400', { token: auditor })).body.events[0];
    if (t.config.store === 'sqlite') {
      // As someone holding the file would: with the sqlite3 command-line tool.
      const file = join(t.config.dataDir, 'events.db');
      const sql = `UPDATE events SET data = replace(data, '延边', '延吉') WHERE id = '${target.id}';`;
      if (hasSqlite3Cli) execFileSync('sqlite3', [file, sql]);
      else new Database(file).exec(sql);
    } else {
      await t.tamper(target.id);
    }

    const cli = await runCli(['verify'], env);
    expect(cli.status).toBe(1);
    expect(cli.stderr).toContain(`stream region-222400, revision 0, event ${target.id}`);
    const api = await t.request('GET', '/api/v1/ledger/verify', { token: auditor });
    expect(api.body).toMatchObject({ ok: false, break: { streamId: 'region-222400', eventId: target.id } });
  });
});

describe('bangfu rebuild against a running API', () => {
  it('swaps fresh views in while the API keeps serving, and the API follows on', async () => {
    const t = await startTestApp({ demo: true });
    const token = t.token(['county-admin'], '220000');
    const env = t.cliEnv;
    const { stdout: out } = await runCli(['rebuild'], env);
    expect(out).toMatch(/regions: \d+ events → generation 2/);
    expect((await t.request('GET', '/api/v1/regions/222424104203', { token })).body).toMatchObject({ name: '永兴村' });
    const created = await t.request('POST', '/api/v1/regions', { token, body: { code: '222424104204', name: '新村' } });
    expect(created.status).toBe(201);
    const read = await t.request('GET', `/api/v1/regions/222424104204?minPosition=${created.body.position}`, { token });
    expect(read).toMatchObject({ status: 200, body: { name: '新村' } });
    const bad = await runCli(['rebuild', '--only', 'nonsense'], env);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/unknown projection nonsense/);
    await t.close();
  });
});

describe('demo data', () => {
  it('loads the seed 000 regions into an empty store once', async () => {
    const t = await startTestApp({ demo: true });
    const token = t.token(['leader'], '220000');
    const regions = await t.request('GET', '/api/v1/regions', { token });
    expect(regions.body.map((r: { name: string }) => r.name)).toEqual(
      expect.arrayContaining(['吉林省', '安图县', '德化村', '盘道村', '永兴村']),
    );
    const villages = await t.request('GET', '/api/v1/regions?level=village&parent=222426103', { token });
    expect(villages.body.map((r: { name: string }) => r.name)).toEqual(['德化村', '盘道村']);
    await t.close();
  });
});
