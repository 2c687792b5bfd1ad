import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signToken } from '@bangfu/application';
import { EsdbStandIn } from '@bangfu/testing';
import { SONGJIANG_DIVISIONS } from './test-app';
import { startBuiltServer, stopBuiltServer } from './built-server';

/**
 * The compiled API applies its views on a thread of its own (ts-jest cannot start one, so the other specs run
 * them inline): what a user of `npm start` gets must still read its own writes, restart where it stopped, and
 * say where its views run.
 */
describe('views applied on their own thread, in the API as `npm start` runs it', () => {
  let dataDir: string;
  let standIn: EsdbStandIn | undefined;
  let storeEnv: Record<string, string>;
  const token = signToken({ sub: 'admin-thread', roles: ['county-admin'], region: '220000', ttlSeconds: 600 }, 'views-thread');
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'bangfu-thread-'));
    standIn = process.env.BANGFU_TEST_STORE === 'esdb' ? await EsdbStandIn.start() : undefined;
    storeEnv = standIn ? { BANGFU_STORE: 'esdb', BANGFU_ESDB_URL: standIn.connectionString } : {};
  });
  afterEach(async () => {
    // A failed expectation must not leave a server running past its test.
    for (const node of started.splice(0)) await stopBuiltServer(node);
    await standIn?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const started: ChildProcess[] = [];
  const start = async (env: Record<string, string> = {}) => {
    const server = await startBuiltServer({ ...storeEnv, BANGFU_DATA_DIR: dataDir, BANGFU_JWT_SECRET: 'views-thread', ...env });
    started.push(server.node);
    return server;
  };
  type Health = { projections: { running: boolean; thread: string; position: number } };
  const health = async (baseUrl: string) => (await (await fetch(`${baseUrl}/api/v1/health`)).json()) as Health;

  it('reads every write back at its position, and continues from the views’ checkpoints after a restart', async () => {
    // Given the API as `npm start` runs it.
    const first = await start();
    expect((await health(first.baseUrl)).projections).toMatchObject({ running: true, thread: 'views' });

    // When each division is registered and at once read back at the position its answer named,
    // then the read shows it: the views' thread committed it before the read was answered.
    for (const [code, name] of SONGJIANG_DIVISIONS) {
      const written = await fetch(`${first.baseUrl}/api/v1/regions`, { method: 'POST', headers, body: JSON.stringify({ code, name }) });
      expect(written.status).toBe(201);
      const { position } = (await written.json()) as { position: number };
      const read = await fetch(`${first.baseUrl}/api/v1/regions/${code}?minPosition=${position}`, { headers });
      expect([read.status, ((await read.json()) as { name: string }).name]).toEqual([200, name]);
    }
    await stopBuiltServer(first.node);

    // When it starts again on the same data and records more, then the views hold the old and the new, and have
    // applied the whole log.
    const second = await start();
    const written = await fetch(`${second.baseUrl}/api/v1/regions`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ code: '222426103202', name: '新兴村' }),
    });
    const { position } = (await written.json()) as { position: number };
    const village = await fetch(`${second.baseUrl}/api/v1/regions/222426103202?minPosition=${position}`, { headers });
    expect(village.status).toBe(200);
    const town = await fetch(`${second.baseUrl}/api/v1/regions/222426103`, { headers });
    expect(((await town.json()) as { name: string }).name).toBe('松江镇');
    const projections = (await health(second.baseUrl)).projections;
    expect(projections).toMatchObject({ running: true, thread: 'views' });
    expect(projections.position).toBeGreaterThanOrEqual(position);
    await stopBuiltServer(second.node);
  }, 90_000);

  it('applies them on the API’s own thread when configured inline', async () => {
    const inline = await start({ BANGFU_VIEWS_THREAD: 'inline' });
    expect((await health(inline.baseUrl)).projections).toMatchObject({ running: true, thread: 'api' });
    await stopBuiltServer(inline.node);
  }, 60_000);
});
