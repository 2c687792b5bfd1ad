import { generateKeyPairSync, randomUUID, sign } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { EVENT_STORE, type EventStore } from '@bangfu/eventstore';
import { b64url, signToken } from '@bangfu/application';
import { runCli, startTestApp, type TestApp } from './test-app';

/** A valid GB 11643 number for a birth date and sequence, so the fixture is the real shape. */
function idNumber(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((acc, digit, i) => acc + Number(digit) * weights[i], 0);
  return first17 + '10X98765432'[sum % 11];
}

describe('personal data: masked everywhere, reads by oversight logged, reveals logged', () => {
  let t: TestApp;
  const headId = idNumber('22242619780315201');
  const fact = { householdNumber: '2224261032019001', head: { name: '张德福', idNumber: headId, phone: '13904331234' }, members: 3 };

  beforeAll(async () => {
    t = await startTestApp({ demo: true });
    // A fact that carries personal data in a nested shape the masking must find at any depth.
    await t.app.get<EventStore>(EVENT_STORE).append(
      'fixture-2224261032019001',
      [
        {
          id: randomUUID(),
          type: 'PersonalDataFixture',
          data: fact,
          metadata: {
            actor: { id: 'clerk', roles: ['county-admin'] },
            occurredAt: new Date().toISOString(),
            correlationId: randomUUID(),
            subjectRegion: '222426103201',
          },
        },
      ],
      'no_stream',
    );
  });
  afterAll(async () => t.close());

  it('masks ID and phone numbers in the log view and records an inspector’s read of them', async () => {
    const inspector = t.token(['inspector'], '222426', 'inspector-wang');
    const response = await t.request('GET', '/api/v1/events?stream=fixture-2224261032019001', { token: inspector });
    expect(response.status).toBe(200);
    expect(response.body.events[0].data.head).toEqual({
      name: '张德福',
      idNumber: `222426********${headId.slice(14)}`,
      phone: '139****1234',
    });
    expect(JSON.stringify(response.body)).not.toContain(headId);

    const log = await t.request('GET', '/api/v1/access-log?outcome=read&actor=inspector-wang', {
      token: t.token(['discipline'], '220000'),
    });
    expect(log.body.entries).toHaveLength(1);
    expect(log.body.entries[0]).toMatchObject({ action: 'ledger.events', detail: { values: 2, subjects: ['fixture-2224261032019001'] } });
  });

  it('does not log a county admin’s masked read (only oversight reads are)', async () => {
    const before = (await t.request('GET', '/api/v1/access-log?outcome=read', { token: t.token(['auditor'], '000000') })).body.entries
      .length;
    await t.request('GET', '/api/v1/events?stream=fixture-2224261032019001', { token: t.token(['county-admin'], '222426') });
    const after = (await t.request('GET', '/api/v1/access-log?outcome=read', { token: t.token(['auditor'], '000000') })).body.entries
      .length;
    expect(after).toBe(before);
  });

  it('reveals one value to a county admin with a reason, and logs it; refuses outside the jurisdiction or a non-personal field', async () => {
    const admin = t.token(['county-admin'], '222426', 'admin-li');
    const body = { stream: 'fixture-2224261032019001', revision: 0, field: 'head.idNumber', reason: '核对低保申请材料' };
    const revealed = await t.request('POST', '/api/v1/personal-data/reveal', { token: admin, body });
    expect(revealed).toMatchObject({ status: 200, body: { value: headId, field: 'head.idNumber' } });

    const elsewhere = await t.request('POST', '/api/v1/personal-data/reveal', { token: t.token(['county-admin'], '222424'), body });
    expect(elsewhere).toMatchObject({ status: 403, body: { code: 'OUTSIDE_JURISDICTION' } });
    const notPersonal = await t.request('POST', '/api/v1/personal-data/reveal', { token: admin, body: { ...body, field: 'head.name' } });
    expect(notPersonal).toMatchObject({ status: 422, body: { code: 'NOT_PERSONAL_DATA' } });
    const noReason = await t.request('POST', '/api/v1/personal-data/reveal', { token: admin, body: { ...body, reason: '' } });
    expect(noReason).toMatchObject({ status: 422, body: { errors: [expect.objectContaining({ field: 'reason' })] } });

    const log = await t.request('GET', '/api/v1/access-log', { token: t.token(['auditor'], '222426') });
    const revealEntry = log.body.entries.find((row: { outcome: string }) => row.outcome === 'revealed');
    expect(revealEntry).toMatchObject({
      actor: { id: 'admin-li' },
      region: '222426103201',
      detail: { field: 'head.idNumber', reason: '核对低保申请材料' },
    });
    expect(JSON.stringify(log.body)).not.toContain(headId);
    // The controller logged its refusal itself: once, not again by the interceptor that logs handlers' refusals.
    const national = await t.request('GET', '/api/v1/access-log', { token: t.token(['auditor'], '000000') });
    const refusals = national.body.entries.filter(
      (row: { outcome: string; code: string; path: string }) => row.outcome === 'refused' && row.path === '/api/v1/personal-data/reveal',
    );
    expect(refusals).toHaveLength(1);
  });

  it('pages the access log like every other list: {entries, next}, then before=<next> for older entries', async () => {
    const auditor = t.token(['auditor'], '000000');
    const first = (await t.request('GET', '/api/v1/access-log?limit=2', { token: auditor })).body;
    expect(first.entries).toHaveLength(2);
    expect(first.next).toBe(first.entries[1].position);
    const second = (await t.request('GET', `/api/v1/access-log?limit=2&before=${first.next}`, { token: auditor })).body;
    expect(second.entries.length).toBeGreaterThan(0);
    expect(second.entries[0].position).toBeLessThan(first.next);
    const everything = (await t.request('GET', '/api/v1/access-log?limit=1000', { token: auditor })).body;
    expect(everything.next).toBeNull();
  });

  it('catches tampering with the access log', async () => {
    const auditor = t.token(['auditor'], '000000');
    expect((await t.request('GET', '/api/v1/ledger/verify', { token: auditor })).body.ok).toBe(true);
    const [revealed] = await t.app.get<EventStore>(EVENT_STORE).readAll({ filter: { eventTypes: ['PersonalDataRevealed'] } });
    const row = { id: revealed.id, stream_id: revealed.streamId };
    await t.tamper(row.id);
    const report = await t.request('GET', '/api/v1/ledger/verify', { token: auditor });
    expect(report.body).toMatchObject({ ok: false, break: { streamId: row.stream_id, eventId: row.id } });
    const cli = await runCli(['verify'], t.cliEnv);
    expect(cli.status).toBe(1);
    expect(cli.stderr).toContain(row.id);
  });
});

describe('identity: Ed25519 keys and an external identity provider', () => {
  let jwks: Server;
  let jwksUrl: string;
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const ed = generateKeyPairSync('ed25519');

  function rs256(claims: Record<string, unknown>, kid = 'idp-key-1', alg = 'RS256'): string {
    const head = `${b64url(JSON.stringify({ alg, kid, typ: 'JWT' }))}.${b64url(JSON.stringify(claims))}`;
    return `${head}.${b64url(sign('sha256', Buffer.from(head), rsa.privateKey))}`;
  }

  beforeAll(async () => {
    const publicJwk = { ...rsa.publicKey.export({ format: 'jwk' }), kid: 'idp-key-1', use: 'sig', alg: 'RS256' };
    jwks = createServer((_, response) => response.setHeader('content-type', 'application/json').end(JSON.stringify({ keys: [publicJwk] })));
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    jwksUrl = `http://127.0.0.1:${(jwks.address() as { port: number }).port}/jwks.json`;
  });
  afterAll(() => new Promise((resolve) => jwks.close(resolve)));

  it('accepts RS256 tokens from the configured provider, with its claim names, and refuses wrong issuer, audience, key or algorithm', async () => {
    const t = await startTestApp({
      env: {
        BANGFU_JWKS_URL: jwksUrl,
        BANGFU_JWT_ISSUER: 'https://idp.example.gov.cn',
        BANGFU_JWT_AUDIENCE: 'bangfu',
        BANGFU_JWT_ROLES_CLAIM: 'bangfu_roles',
      },
    });
    const now = Math.floor(Date.now() / 1000);
    const claims = {
      sub: 'idp-user-7',
      bangfu_roles: 'leader inspector',
      region: '220000',
      iss: 'https://idp.example.gov.cn',
      aud: ['bangfu'],
      iat: now,
      exp: now + 600,
    };
    const ok = await t.request('GET', '/api/v1/regions', { token: rs256(claims) });
    expect(ok.status).toBe(200);
    const refused = [
      rs256({ ...claims, iss: 'https://evil.example' }),
      rs256({ ...claims, aud: 'other-app' }),
      rs256(claims, 'unknown-kid'),
      rs256({ ...claims, exp: now - 10 }),
      `${b64url(JSON.stringify({ alg: 'none', typ: 'JWT' }))}.${b64url(JSON.stringify(claims))}.`,
    ];
    for (const token of refused) expect((await t.request('GET', '/api/v1/regions', { token })).status).toBe(401);
    await t.close();
  });

  it('verifies EdDSA tokens with a configured Ed25519 public key, including those `bangfu token issue` signs', async () => {
    const publicPem = ed.publicKey.export({ format: 'pem', type: 'spki' }).toString();
    const t = await startTestApp({ env: { BANGFU_JWT_PUBLIC_KEY: publicPem } });
    const token = signToken({ sub: 'ops', roles: ['leader'], region: '220000', ttlSeconds: 60 }, { privateKey: ed.privateKey });
    expect((await t.request('GET', '/api/v1/regions', { token })).status).toBe(200);

    const keyFile = join(t.config.dataDir, 'ed25519-private.pem');
    writeFileSync(keyFile, ed.privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600 });
    const issued = (
      await runCli(['token', 'issue', '--sub', 'cli-user', '--role', 'leader', '--region', '220000'], {
        ...t.cliEnv,
        BANGFU_JWT_PRIVATE_KEY: keyFile,
      })
    ).stdout.trim();
    expect(JSON.parse(Buffer.from(issued.split('.')[0], 'base64url').toString())).toMatchObject({ alg: 'EdDSA' });
    expect((await t.request('GET', '/api/v1/regions', { token: issued })).status).toBe(200);
    const forged = signToken(
      { sub: 'ops', roles: ['leader'], region: '220000', ttlSeconds: 60 },
      { privateKey: generateKeyPairSync('ed25519').privateKey },
    );
    expect((await t.request('GET', '/api/v1/regions', { token: forged })).status).toBe(401);
    await t.close();
  });
});

describe('hardening', () => {
  it('rate-limits each token and answers 429 with Retry-After', async () => {
    const t = await startTestApp({ env: { BANGFU_RATE_LIMIT_PER_MINUTE: '5' } });
    const token = t.token(['leader'], '220000', 'busy-leader');
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await t.request('GET', '/api/v1/regions', { token })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
    const limited = await t.request('GET', '/api/v1/regions', { token });
    expect(limited.body).toMatchObject({ code: 'RATE_LIMITED' });
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await t.request('GET', '/api/v1/regions', { token: t.token(['leader'], '220000', 'calm-leader') })).status).toBe(200);
    await t.close();
  });

  it('reveals no stack, SQL or file path in error answers', async () => {
    const t = await startTestApp();
    const token = t.token(['county-admin'], '000000');
    const answers = await Promise.all([
      t.request('POST', '/api/v1/regions', { token, rawBody: '{"code":' }),
      t.request('GET', '/api/v1/events?fromPosition=abc', { token }),
      t.request('GET', '/api/v1/regions/999999', { token }),
      t.request('GET', '/api/v1/nowhere', { token }),
    ]);
    for (const answer of answers) {
      expect(answer.status).toBeGreaterThanOrEqual(400);
      expect(JSON.stringify(answer.body)).not.toMatch(/\/work\/|node_modules|\.ts:|\.js:|SELECT |sqlite|Error:/i);
    }
    await t.close();
  });
});
