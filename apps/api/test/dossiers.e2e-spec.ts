import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { generateKeyPairSync } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, startTestApp, type TestApp } from './test-app';

// Answers are JSON read field by field in the assertions.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Answer = any;

/** 问责 on the demo: cases with bundled accountability, and dossiers verified offline by the CLI and refused when altered. */
describe('accountability: cases, signed checkpoints and dossiers', () => {
  let t: TestApp;
  let dir: string;
  let reviewer: string;
  const HH = '2224261032010019'; // exited in the demo after an objection during 公示
  const get = (path: string, token = reviewer) => t.request('GET', `/api/v1${path}`, { token });
  const verify = (file: string, key: string) => runCli(['verify-dossier', file, '--key', key], t.cliEnv);

  beforeAll(async () => {
    t = await startTestApp({ demo: true });
    dir = mkdtempSync(join(tmpdir(), 'bangfu-dossier-'));
    reviewer = t.token(['discipline'], '222426', 'jw-1');
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await t.close();
  });

  let dossier: Answer;
  let keyFile: string;
  let dossierFile: string;

  it('signs checkpoints over the whole log and exports the public key', async () => {
    const listed = (await get('/ledger/checkpoints')).body;
    expect(listed.checkpoints.length).toBe(1); // the demo signs one at its end
    expect(listed.publicKey).toContain('BEGIN PUBLIC KEY');
    await t.settle();
    const signed = await t.request('POST', '/api/v1/ledger/checkpoints', {
      token: t.token(['auditor'], '220000', 'au-1'),
      body: { reason: '季度封存' },
    });
    expect(signed.status).toBe(201);
    expect(signed.body.checkpoint.treeSize).toBeGreaterThan(listed.checkpoints[0].treeSize);
    keyFile = join(dir, 'checkpoint.pub.pem');
    writeFileSync(keyFile, listed.publicKey);
    // The CLI signs the same tree the API does: the same head again records nothing new.
    const cli = await runCli(['checkpoint', '--json'], t.cliEnv);
    expect(cli.status).toBe(0);
    const fromCli = JSON.parse(cli.stdout);
    await t.settle();
    const after = (await get('/ledger/checkpoints')).body.checkpoints;
    expect(after.at(-1)).toMatchObject({ treeSize: fromCli.treeSize, root: fromCli.root });
    expect(fromCli.treeSize).toBeGreaterThanOrEqual(signed.body.checkpoint.treeSize);
    expect((await runCli(['checkpoint', '--public-key'], t.cliEnv)).stdout).toBe(listed.publicKey);
  });

  it('exports a household’s dossier that verifies offline, and logs the export', async () => {
    const response = await get(`/dossiers/household/${HH}`);
    expect(response.status).toBe(200);
    dossier = response.body;
    const types = dossier.events.map((entry: Answer) => entry.event.type);
    expect(types).toEqual(
      expect.arrayContaining(['HouseholdRegistered', 'VisitRecorded', 'WorkflowStarted', 'WorkflowCompleted', 'HouseholdExited']),
    );
    expect(dossier.manifest.events.length).toBe(dossier.events.length);
    dossierFile = join(dir, 'dossier.json');
    writeFileSync(dossierFile, JSON.stringify(dossier, null, 2));
    const result = await verify(dossierFile, keyFile);
    expect([result.status, result.stdout]).toEqual([0, expect.stringContaining(`${dossier.events.length} events`)]);
    const log = (await get('/access-log?limit=50', t.token(['auditor'], '220000', 'au-1'))).body.entries;
    expect(JSON.stringify(log)).toContain(`household-${HH}`);
  });

  it('fails naming the event when one byte of it changes', async () => {
    const altered = JSON.parse(readFileSync(dossierFile, 'utf8'));
    const target = altered.events.find((entry: Answer) => entry.event.type === 'VisitRecorded');
    target.event.data.notes = `${target.event.data.notes}x`;
    const file = join(dir, 'altered.json');
    writeFileSync(file, JSON.stringify(altered));
    const result = await verify(file, keyFile);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`event ${target.event.id}`);
    expect(result.stderr).toContain('was changed');
  });

  it.each([
    ['its id', (event: Answer) => (event.id = '0f0f0f0f-0000-4000-8000-000000000000'), /listed .* as event|does not match its hash/],
    ['its position', (event: Answer) => (event.position += 1), /position \d+ is not the \d+ the signed manifest lists/],
  ])('fails naming the event when %s is changed', async (_, change, reason) => {
    const altered = JSON.parse(readFileSync(dossierFile, 'utf8'));
    const target = altered.events.find((entry: Answer) => entry.event.type === 'VisitRecorded');
    change(target.event);
    const file = join(dir, 'renumbered.json');
    writeFileSync(file, JSON.stringify(altered));
    const result = await verify(file, keyFile);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(reason);
  });

  it('fails naming the missing event when one is dropped', async () => {
    const shortened = JSON.parse(readFileSync(dossierFile, 'utf8'));
    const [dropped] = shortened.events.splice(3, 1);
    const file = join(dir, 'shortened.json');
    writeFileSync(file, JSON.stringify(shortened));
    const result = await verify(file, keyFile);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`leaf ${dropped.leafIndex}`);
    expect(result.stderr).toContain('missing');
  });

  it('fails with another key', async () => {
    const other = join(dir, 'other.pub.pem');
    writeFileSync(other, generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString());
    const result = await verify(dossierFile, other);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('does not verify with this key');
  });

  it('refuses a household outside the jurisdiction and a malformed subject', async () => {
    expect((await get('/dossiers/household/2224241042030001')).body.code).toBe('OUTSIDE_JURISDICTION');
    expect((await get('/dossiers/planet/x')).status).toBe(422);
    expect((await get('/dossiers/household/123')).status).toBe(422);
    expect((await get(`/dossiers/household/${HH}?from=yesterday`)).status).toBe(422);
  });

  it('exports a cadre’s dossier for a period', async () => {
    const all = (await get('/dossiers/person/jl-wjw-01')).body;
    const listed = (await get('/ledger/checkpoints')).body.checkpoints;
    const from = all.events[Math.floor(all.events.length / 2)].event.metadata.occurredAt;
    const half = (await get(`/dossiers/person/jl-wjw-01?from=${from}`)).body;
    expect(half.events.length).toBeGreaterThan(0);
    expect(half.events.length).toBeLessThan(all.events.length);
    expect(half.checkpoint.treeSize).toBe(listed.at(-1).treeSize);
    const file = join(dir, 'person.json');
    writeFileSync(file, JSON.stringify(half));
    expect((await verify(file, keyFile)).status).toBe(0);
  });

  it('opens a case whose bundled parties come from the record, and records one decision per party', async () => {
    // 2224261032010001 was handed over from 禹露 (jl-wjw-01) to 林天慕 (jl-wjw-02) in the demo's sixth month.
    const timeline = (await get('/households/2224261032010001/timeline?limit=500')).body.entries;
    const early = timeline.find((e: Answer) => e.type === 'VisitRecorded' && e.data.cadreId === 'jl-wjw-01');
    const post = (path: string, body: unknown, token = reviewer) => t.request('POST', `/api/v1${path}`, { token, body });
    const opening = {
      caseId: 'case-2026-001',
      against: { kind: 'person', id: 'jl-wjw-02' },
      summary: '包保户走访情况核查',
      groundEventIds: [early.eventId],
    };
    const missing = await post('/cases', { ...opening, groundEventIds: ['0f0f0f0f-0000-4000-8000-000000000000'] });
    expect([missing.status, missing.body.code]).toEqual([422, 'EVENT_NOT_FOUND']);
    const outside = await post('/cases', opening, t.token(['discipline'], '222424', 'jw-2'));
    expect([outside.status, outside.body.code]).toEqual([403, 'OUTSIDE_JURISDICTION']);
    expect((await post('/cases', opening, t.token(['inspector'], '222426', 'i-1'))).status).toBe(403);
    expect((await post('/cases', opening)).status).toBe(201);
    await t.settle();
    const opened = (await get('/cases/case-2026-001')).body;
    // The case names 林天慕; the record adds who held the household when the grounds happened, their unit and its lead.
    expect(opened.parties.map((p: Answer) => [p.role, p.partyId, p.name])).toEqual([
      ['subject', 'jl-wjw-02', '林天慕'],
      ['responsible-cadre', 'jl-wjw-01', '禹露'],
      ['unit', 'jl-wjw', '吉林省卫生健康委员会'],
      ['lead-official', 'lead:jl-wjw', '张义'],
    ]);
    expect(
      (await post('/cases/case-2026-001/decision', { partyId: 'jl-wjw-01', decision: '谈话提醒', reason: '走访记录不规范' })).status,
    ).toBe(201);
    const again = await post('/cases/case-2026-001/decision', { partyId: 'jl-wjw-01', decision: '诫勉', reason: 'x' });
    expect([again.status, again.body.code]).toEqual([409, 'DECISION_ALREADY_RECORDED']);
    const stranger = await post('/cases/case-2026-001/decision', { partyId: 'nobody', decision: '诫勉', reason: 'x' });
    expect([stranger.status, stranger.body.code]).toEqual([422, 'PARTY_NOT_IN_CASE']);
    await t.settle();
    expect((await get('/cases/case-2026-001')).body.decisions).toMatchObject([
      { partyId: 'jl-wjw-01', decision: '谈话提醒', decidedBy: 'jw-1' },
    ]);
  });

  it('handles a red flag: explained by the cadre, confirmed and closed by an inspector, with who acted', async () => {
    const inspector = t.token(['inspector'], '222426', 'insp-9');
    const [flag] = (await get('/flags?region=222426&type=BACKFILLED_VISIT&status=open', inspector)).body.flags;
    expect(flag.status).toBe('open');
    const review = (body: unknown, token: string) =>
      t.request('POST', `/api/v1/flags/${encodeURIComponent(flag.flagId)}/review`, { token, body });
    const cadre = t.token(['cadre'], '222426', flag.cadreId);
    const early = await review({ status: 'confirmed', note: '属实' }, cadre);
    expect([early.status, early.body.code]).toEqual([403, 'FLAG_REVIEW_ROLE_NOT_ALLOWED']);
    const outside = await review({ status: 'confirmed', note: '属实' }, t.token(['inspector'], '222424', 'insp-x'));
    expect([outside.status, outside.body.code]).toEqual([403, 'OUTSIDE_JURISDICTION']);
    expect(
      (await t.request('POST', '/api/v1/flags/NO_SUCH:flag/review', { token: inspector, body: { status: 'closed', note: 'x' } })).status,
    ).toBe(404);
    expect((await review({ status: 'explained', note: '当日无网络，返回后补录' }, cadre)).status).toBe(201);
    expect((await review({ status: 'confirmed', note: '补录属实，已提醒' }, inspector)).status).toBe(201);
    expect((await review({ status: 'closed', note: '已整改' }, inspector)).status).toBe(201);
    const again = await review({ status: 'confirmed', note: 'x' }, inspector);
    expect([again.status, again.body.code]).toEqual([409, 'FLAG_CLOSED']);
    await t.settle();
    const closed = (await get('/flags?region=222426&type=BACKFILLED_VISIT&status=closed', inspector)).body.flags;
    expect(closed.find((f: Answer) => f.flagId === flag.flagId).handling.map((h: Answer) => [h.status, h.actorId])).toEqual([
      ['explained', flag.cadreId],
      ['confirmed', 'insp-9'],
      ['closed', 'insp-9'],
    ]);
  });
});
