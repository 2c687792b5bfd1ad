import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SONGJIANG_DIVISIONS, registerDivisions, runCli, startTestApp, type TestApp } from './test-app';

/**
 * What a signed checkpoint proves: a rewrite of the events it covers is named even when every chain hash
 * was recomputed, and a reviewer holding one outside the log can tell whether the log still extends it.
 */
describe('tamper evidence: signed checkpoints against rewrites, rollbacks and forks', () => {
  let t: TestApp;
  let dir: string;

  // A few divisions are record enough: what is proved here does not depend on the work recorded, and the
  // demo's year, loaded before each test, costs half a minute on the EventStoreDB stand-in.
  beforeEach(async () => {
    t = await startTestApp();
    await registerDivisions(t, t.token(['county-admin'], '220000', 'admin-tamper'), SONGJIANG_DIVISIONS);
    dir = mkdtempSync(join(tmpdir(), 'bangfu-held-'));
  });
  afterEach(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const auditor = () => t.token(['auditor'], '000000', 'ledger-auditor');
  /** 延边州's registration: the only event of its stream, so a rewrite of it leaves every chain whole. */
  const yanbian = async () => (await t.request('GET', '/api/v1/events?stream=region-222400', { token: auditor() })).body.events[0];

  it('hands out the newest checkpoint for keeping, and verify --against proves the log extends it', async () => {
    const held = join(dir, 'held.json');
    const signed = await runCli(['checkpoint', '--out', held, '--reason', '季度核查留存'], t.cliEnv);
    expect(signed.status).toBe(0);
    const kept = JSON.parse(readFileSync(held, 'utf8'));
    const latest = await t.request('GET', '/api/v1/ledger/checkpoints/latest', { token: auditor() });
    expect(latest.body).toEqual(kept);
    expect(kept).toMatchObject({ format: 'bangfu-checkpoint/1', publicKey: expect.stringContaining('PUBLIC KEY') });

    // Work goes on after the checkpoint: the log still extends it.
    const admin = t.token(['county-admin'], '220000');
    expect((await t.request('POST', '/api/v1/regions', { token: admin, body: { code: '222426103298', name: '新村' } })).status).toBe(201);
    const verified = await runCli(['verify', '--against', held], t.cliEnv);
    expect(verified.stdout).toMatch(/\d+ signed checkpoint\(s\) match the log; the log extends the checkpoint of \d+ events/);
    expect(verified.status).toBe(0);
    expect((await t.request('GET', '/api/v1/ledger/verify', { token: auditor() })).body).toMatchObject({
      ok: true,
      checkpoints: expect.any(Number),
    });
  });

  it('names the checkpoint a rewrite with recomputed hashes no longer matches, in the CLI and the API', async () => {
    const target = await yanbian();
    expect((await runCli(['checkpoint'], t.cliEnv)).status).toBe(0);
    await t.rewrite(target.id, { ...target.data, name: '改写州' });

    const cli = await runCli(['verify'], t.cliEnv);
    expect(cli.status).toBe(1);
    expect(cli.stderr).toMatch(/BROKEN against a signed checkpoint .*checkpoint of \d+ events signed .*\(a fork\)/);
    const api = await t.request('GET', '/api/v1/ledger/verify', { token: auditor() });
    expect(api.body).toMatchObject({ ok: false, break: { checkpoint: { treeSize: expect.any(Number) } } });
  });

  it('refuses a held checkpoint that was altered, or is not a checkpoint at all, with a clear message', async () => {
    const held = join(dir, 'held.json');
    await runCli(['checkpoint', '--out', held], t.cliEnv);
    const kept = JSON.parse(readFileSync(held, 'utf8'));
    const altered = join(dir, 'altered.json');
    writeFileSync(altered, JSON.stringify({ ...kept, checkpoint: { ...kept.checkpoint, treeSize: 3 } }));
    const refused = await runCli(['verify', '--against', altered], t.cliEnv);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/signature does not verify/);
    const junk = join(dir, 'junk.json');
    writeFileSync(junk, '{"format":"something-else"}');
    const usage = await runCli(['verify', '--against', junk], t.cliEnv);
    expect(usage.status).toBe(2);
    expect(usage.stderr).toMatch(/not a bangfu checkpoint/);
  });
});
