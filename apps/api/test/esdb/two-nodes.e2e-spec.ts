import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SYSTEM_ACTOR } from '@bangfu/domain';
import { EsdbEventStore, nameBasedUuid } from '@bangfu/eventstore';
import { EsdbStandIn } from '@bangfu/testing';
import { scheduleTimer } from '@bangfu/workflow';
import { signToken } from '@bangfu/application';
import { BUILT_MAIN, freePort, waitFor } from '../built-server';
import { startTestApp } from '../test-app';

const PROVINCES = ['110000', '120000', '130000', '140000', '150000', '210000', '220000', '230000', '310000', '320000'];

describe('two bangfu nodes on one EventStoreDB', () => {
  let standIn: EsdbStandIn | undefined;
  let url: string;
  const nodes: ChildProcess[] = [];
  const dirs: string[] = [];

  beforeAll(async () => {
    standIn = process.env.BANGFU_ESDB_URL ? undefined : await EsdbStandIn.start();
    url = process.env.BANGFU_ESDB_URL ?? (standIn as EsdbStandIn).connectionString;
  });
  afterAll(async () => {
    for (const node of nodes) node.kill('SIGTERM');
    await standIn?.stop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('fire the same due timers with one effect each, each node keeping its own views', async () => {
    const store = new EsdbEventStore({ connectionString: url });
    const dueAt = new Date(Date.now() - 1000).toISOString();
    for (const code of PROVINCES) {
      await scheduleTimer(
        store,
        {
          timerId: `two-nodes-${code}`,
          dueAt,
          command: { type: 'RegisterRegion', data: { code, name: `省 ${code}` } },
          purpose: 'two-node test',
        },
        { actor: SYSTEM_ACTOR, now: new Date() },
      );
    }
    const ports = [await freePort(), await freePort()];
    for (const port of ports) {
      const dataDir = mkdtempSync(join(tmpdir(), 'bangfu-node-'));
      dirs.push(dataDir);
      const node = spawn(process.execPath, [BUILT_MAIN], {
        env: {
          ...process.env,
          BANGFU_STORE: 'esdb',
          BANGFU_ESDB_URL: url,
          BANGFU_DATA_DIR: dataDir,
          PORT: String(port),
          BANGFU_DEMO: 'false',
          BANGFU_LOG: 'false',
          BANGFU_TIMER_INTERVAL_MS: '50',
          BANGFU_JWT_SECRET: 'two-nodes',
        },
        stdio: 'ignore',
      });
      nodes.push(node);
    }
    for (const port of ports) {
      await waitFor(`node on ${port}`, async () => ((await fetch(`http://127.0.0.1:${port}/health`)).ok ? true : undefined));
    }
    const fired = await waitFor('every timer fired', async () => {
      const events = await store.readAll({ filter: { eventTypes: ['TimerFired'] } });
      return events.length >= PROVINCES.length ? events : undefined;
    });
    // Let both schedulers run a few more rounds over the same due index.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await store.readAll({ filter: { eventTypes: ['TimerFired'] } })).length).toBe(PROVINCES.length);
    expect(fired.map((event) => (event.data as { outcome: { result: string } }).outcome.result)).toEqual(
      Array(PROVINCES.length).fill('dispatched'),
    );
    for (const code of PROVINCES) {
      // One effect, and it carries the event id derived from the timer: whichever node got there first,
      // the other's dispatch found it in the stream and appended nothing.
      const events = await store.readStream(`region-${code}`);
      expect(events.map((e) => [e.type, e.id])).toEqual([['RegionRegistered', nameBasedUuid(`timer:two-nodes-${code}#0`)]]);
    }
    // Each node's own read model shows every region.
    for (const port of ports) {
      const position = Math.max(...fired.map((event) => event.position));
      const token = signToken({ sub: 'leader', roles: ['leader'], region: '000000', ttlSeconds: 60 }, 'two-nodes');
      const regions = await waitFor('the node’s views', async () => {
        const response = await fetch(`http://127.0.0.1:${port}/api/v1/regions?minPosition=${position}`, {
          headers: { authorization: `Bearer ${token}` },
        });
        return response.ok ? ((await response.json()) as { code: string }[]) : undefined;
      });
      expect(regions.map((region) => region.code).sort()).toEqual([...PROVINCES].sort());
    }
    await store.close();
  }, 60_000);
});

describe('a resend after the EventStoreDB server restarted', () => {
  it('appends nothing, though the server forgot the event ids it had seen', async () => {
    const standIn = await EsdbStandIn.start();
    const app = await startTestApp({ env: { BANGFU_STORE: 'esdb', BANGFU_ESDB_URL: standIn.connectionString } });
    const admin = app.token(['county-admin'], '000000');
    const send = () =>
      app.request('POST', '/api/v1/regions', {
        token: admin,
        body: { code: '220000', name: '吉林省' },
        headers: { 'idempotency-key': 'after-restart-1' },
      });
    const first = await send();
    expect(first.status).toBe(201);
    await standIn.restart();
    const again = await waitFor('the API to reach the restarted server', async () => {
      const response = await send();
      return response.status === 201 ? response : undefined;
    });
    expect(again.body).toEqual(first.body);
    expect((standIn.log.stream('region-220000') ?? []).map((record) => record.type)).toEqual(['RegionRegistered']);
    await app.close();
    await standIn.stop();
  }, 60_000);
});

describe('health when the EventStoreDB server is gone', () => {
  it('answers 503 down, then ok again once the server is back', async () => {
    const standIn = await EsdbStandIn.start();
    const app = await startTestApp({ env: { BANGFU_STORE: 'esdb', BANGFU_ESDB_URL: standIn.connectionString } });
    expect((await app.request('GET', '/health')).body.status).toBe('ok');
    await standIn.stop();
    const down = await app.request('GET', '/health');
    expect(down).toMatchObject({ status: 503, body: { status: 'down', store: { adapter: 'esdb' } } });
    await standIn.restart();
    await waitFor('health to recover', async () => ((await app.request('GET', '/health')).status === 200 ? true : undefined));
    await app.close();
    await standIn.stop();
  }, 60_000);
});
