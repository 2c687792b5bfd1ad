import Database from 'better-sqlite3';
import { copyFileSync, cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { flipOneByte } from '@bangfu/testing';
import { runCli, startTestApp, type TestApp } from './test-app';

const scratch = () => mkdtempSync(join(tmpdir(), 'bangfu-restore-'));
const sqlite = process.env.BANGFU_TEST_STORE !== 'esdb';

/** Registers a new village under 松江镇 and reads it back, waiting for the views to reach the write. */
async function registerAndRead(t: TestApp, code: string) {
  const token = t.token(['county-admin'], '220000', 'restore-admin');
  const created = await t.request('POST', '/api/v1/regions', { token, body: { code, name: `恢复后新村${code.slice(-3)}` } });
  expect(created.status).toBe(201);
  return t.request('GET', `/api/v1/regions/${code}?minPosition=${created.body.position}`, { token });
}

describe('views that do not belong to the log are noticed at start', () => {
  it('rebuilds views.db that ran ahead of the log it now sits beside, so new writes are seen', async () => {
    const dir = scratch();
    const first = await startTestApp({ demo: true, env: { BANGFU_DATA_DIR: dir } });
    const olderLog = join(scratch(), 'events.db');
    if (sqlite) await new Database(join(dir, 'events.db'), { readonly: true }).backup(olderLog);
    expect((await registerAndRead(first, '222426103301')).status).toBe(200);
    await first.close();

    // The older log comes back (a restore from last night's copy; with EventStoreDB, another server's log).
    if (sqlite) {
      for (const suffix of ['', '-wal', '-shm']) rmSync(join(dir, `events.db${suffix}`), { force: true });
      copyFileSync(olderLog, join(dir, 'events.db'));
    }
    const second = await startTestApp({ env: { BANGFU_DATA_DIR: dir } });
    try {
      const health = (await second.request('GET', '/health')).body;
      const views = health.projections.projections as { position: number }[];
      expect(views.every((view) => view.position <= health.store.head)).toBe(true);
      // On EventStoreDB the other log is empty: its first division is a province.
      expect((await registerAndRead(second, sqlite ? '222426103302' : '220000')).status).toBe(200);
      // What only the newer log held is gone from the views too.
      const lost = await second.request('GET', '/api/v1/regions/222426103301', { token: second.token(['leader'], '220000') });
      expect(lost.status).toBe(404);
    } finally {
      await second.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

(sqlite ? describe : describe.skip)('bangfu backup and restore', () => {
  let t: TestApp;
  let backupDir: string;

  beforeAll(async () => {
    t = await startTestApp({ demo: true, env: { BANGFU_RATE_LIMIT_PER_MINUTE: '0' } });
    backupDir = join(scratch(), 'backup');
  });
  afterAll(async () => t.close());

  const head = async () => (await t.request('GET', '/health')).body.store.head as number;

  it('takes a consistent copy while commands keep writing', async () => {
    const token = t.token(['county-admin'], '220000', 'busy-clerk');
    let writing = true;
    let written = 0;
    const writer = (async () => {
      for (let i = 0; writing; i++) {
        // Villages of 松江镇 (222426103), 410–498; once all are taken the writer goes on being refused.
        const code = `2224261034${String(10 + (i % 89)).padStart(2, '0')}`;
        const answer = await t.request('POST', '/api/v1/regions', { token, body: { code, name: `备份中${i}` } });
        if (answer.status === 201) written++;
      }
    })();
    while (written < 5) await new Promise((resolve) => setTimeout(resolve, 20));
    const before = await head();
    const backup = await runCli(['backup', backupDir], t.cliEnv);
    const after = await head();
    writing = false;
    await writer;

    expect(backup.status).toBe(0);
    const manifest = JSON.parse(readFileSync(join(backupDir, 'backup.json'), 'utf8'));
    const events = manifest.files.find((file: { name: string }) => file.name === 'events.db');
    expect(events.head).toBeGreaterThanOrEqual(before);
    expect(events.head).toBeLessThanOrEqual(after);
    expect(events.events).toBe(events.head);
    expect(manifest.files.map((file: { name: string }) => file.name)).toEqual(expect.arrayContaining(['views.db', 'events.db']));
  });

  it('restores into an empty data dir: the log verified, the views checked, and the API serves it', async () => {
    const fresh = scratch();
    const restored = await runCli(['restore', backupDir], { ...t.cliEnv, BANGFU_DATA_DIR: fresh });
    expect(restored.stderr).toBe('');
    expect(restored.stdout).toMatch(/restored the log: \d+ events in \d+ streams verified/);
    expect(restored.status).toBe(0);
    expect((await runCli(['verify'], { ...t.cliEnv, BANGFU_DATA_DIR: fresh })).status).toBe(0);
    const served = await startTestApp({ env: { BANGFU_DATA_DIR: fresh } });
    try {
      expect((await registerAndRead(served, '222426103303')).status).toBe(200);
    } finally {
      await served.close();
      rmSync(fresh, { recursive: true, force: true });
    }
  });

  it('refuses to overwrite a store unless forced, and then keeps the files it replaced', async () => {
    const fresh = scratch();
    const env = { ...t.cliEnv, BANGFU_DATA_DIR: fresh };
    expect((await runCli(['restore', backupDir], env)).status).toBe(0);
    const again = await runCli(['restore', backupDir], env);
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/already holds events\.db.*--force/);
    expect((await runCli(['restore', backupDir, '--force'], env)).status).toBe(0);
    expect(readdirSync(fresh).some((name) => /^events\.db\.before-restore-/.test(name))).toBe(true);
    rmSync(fresh, { recursive: true, force: true });
  });

  it('restores nothing from a backup whose log was altered', async () => {
    const altered = join(scratch(), 'backup');
    cpSync(backupDir, altered, { recursive: true });
    const db = new Database(join(altered, 'events.db'));
    const row = db.prepare("SELECT id, data FROM events WHERE stream_id = 'region-222400'").get() as { id: string; data: string };
    db.prepare('UPDATE events SET data = ? WHERE id = ?').run(flipOneByte(row.data), row.id);
    db.close();
    const fresh = scratch();
    const refused = await runCli(['restore', altered], { ...t.cliEnv, BANGFU_DATA_DIR: fresh });
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/the backup's log is broken, nothing was restored/);
    expect(existsSync(join(fresh, 'events.db'))).toBe(false);
    rmSync(fresh, { recursive: true, force: true });
  });
});
