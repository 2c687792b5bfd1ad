import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Role } from '@bangfu/domain';
import { EVENT_STORE, canonicalJson, eventHash, type EventStore } from '@bangfu/eventstore';
import { EsdbStandIn, flipOneByte } from '@bangfu/testing';
import { type BangfuConfig, loadConfig, signToken } from '@bangfu/application';
import { createApp } from '../src/create-app';
import { settle } from '../src/demo/demo-clock';
import { loadDemoIfEmpty } from '../src/demo/load-demo';
import type { InfrastructureOverrides } from '../src/infrastructure/infrastructure.module';

export interface TestApp {
  app: NestFastifyApplication;
  config: BangfuConfig;
  baseUrl: string;
  token(roles: Role[], region: string, sub?: string): string;
  request(
    method: string,
    path: string,
    options?: { token?: string; body?: unknown; rawBody?: string | Buffer; headers?: Record<string, string> },
  ): Promise<{
    status: number;
    body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
    headers: Headers;
  }>;
  /** Events in the log other than the access log's: what a refused request must leave unchanged. */
  domainEventCount(): Promise<number>;
  /** Waits until views and process managers have handled the whole log, including what the processes appended. */
  settle(): Promise<void>;
  /** Changes one stored byte of an event's data behind the store's back (file or stand-in). */
  tamper(eventId: string): Promise<void>;
  /**
   * Replaces an event's data and recomputes its chain hash, as someone able to rewrite the whole store
   * would: for the last event of its stream, every chain still holds; only signed checkpoints can tell.
   */
  rewrite(eventId: string, data: unknown): Promise<void>;
  /** Environment for `bangfu` child processes against this app's stores. */
  cliEnv: NodeJS.ProcessEnv;
  standIn?: EsdbStandIn;
  close(): Promise<void>;
}

/** Path parameters that name real things in the demo data: a household of 德化村, a cadre, a visit. */
export const DEMO_PATH_PARAMS: Record<string, string> = {
  code: '222426',
  id: '2224261032010005',
  cadreId: 'jl-wjw-01',
  visitId: 'demo-duplicate',
  fundId: 'demo-yongxing-nuanyufang',
  disbursementId: 'demo-nuanyufang-1',
  projectId: 'demo-pandao-benzha-youfang',
  exitId: '2224261032010019-1',
  step: 'verification',
  subject: 'household',
  inspectionId: 'demo-antu-q3',
  findingId: 'demo-fd-002',
  caseId: 'demo-case-001',
  taskId: 'jl-2019-2',
  // The measure of the household above (its plan's first), and 松江镇's monthly self-check.
  measureId: '2224261032010005-1',
  seriesId: 'songjiang-zicha',
  systemId: 'antu-shengzhi',
  // The planted duplicate voucher of 盘道村's lamps (a stored flag in 吉林).
  flagId: 'DUPLICATE_VOUCHER:demo-pandao-ludeng:demo-ludeng-2',
};

/** Seed 000's divisions from 吉林省 down to 松江镇's 德化村: what a spec of village work registers first. */
export const SONGJIANG_DIVISIONS: [code: string, name: string][] = [
  ['220000', '吉林省'],
  ['222400', '延边州'],
  ['222426', '安图县'],
  ['222426103', '松江镇'],
  ['222426103201', '德化村'],
];

/** Registers divisions in order (parents first) through the API, each answered 201; `fields` go into every body. */
export async function registerDivisions(
  t: TestApp,
  token: string,
  divisions: [code: string, name: string][],
  fields: Record<string, unknown> = {},
): Promise<void> {
  for (const [code, name] of divisions) {
    expect((await t.request('POST', '/api/v1/regions', { token, body: { code, name, ...fields } })).status).toBe(201);
  }
}

/** A real API on a real port with its own data dir: what a user would run, minus the demo unless asked. */
export async function startTestApp(
  options: { demo?: boolean; env?: Record<string, string>; dataDir?: string } & InfrastructureOverrides = {},
): Promise<TestApp> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'bangfu-e2e-'));
  // BANGFU_TEST_STORE=esdb runs the same tests on the EventStoreDB adapter: a real server when
  // BANGFU_ESDB_URL is set, else the gRPC stand-in.
  const esdb = process.env.BANGFU_TEST_STORE === 'esdb';
  const standIn = esdb && !process.env.BANGFU_ESDB_URL ? await EsdbStandIn.start() : undefined;
  const storeEnv: Record<string, string> = esdb
    ? { BANGFU_STORE: 'esdb', BANGFU_ESDB_URL: process.env.BANGFU_ESDB_URL ?? (standIn as EsdbStandIn).connectionString }
    : {};
  const config = loadConfig({
    ...storeEnv,
    BANGFU_DATA_DIR: dataDir,
    BANGFU_JWT_SECRET: 'e2e-secret',
    BANGFU_LOG: 'false',
    BANGFU_TIMER_INTERVAL_MS: '0',
    ...options.env,
  });
  if (options.demo) await loadDemoIfEmpty(config, options.clock?.now());
  const app = await createApp(config, { clock: options.clock });
  await app.init();
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.getHttpServer().address() as { port: number };
  const baseUrl = `http://127.0.0.1:${address.port}`;
  return {
    app,
    config,
    baseUrl,
    token: (roles, region, sub = `user-${roles.join('-')}-${region}`) =>
      signToken({ sub, name: '测试用户', roles, region, ttlSeconds: 3600 }, 'e2e-secret'),
    async request(method, path, { token, body, rawBody, headers = {} } = {}) {
      const response = await fetch(`${baseUrl}${path}`, {
        method,
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(body !== undefined || rawBody !== undefined ? { 'content-type': 'application/json' } : {}),
          ...headers,
        },
        body: rawBody ?? (body === undefined ? undefined : JSON.stringify(body)),
      });
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        // Not JSON (the Swagger UI page): keep the text.
      }
      return { status: response.status, body: parsed, headers: response.headers };
    },
    standIn,
    cliEnv: { ...process.env, BANGFU_DATA_DIR: config.dataDir, BANGFU_JWT_SECRET: 'e2e-secret', ...storeEnv },
    async domainEventCount() {
      const events = await app.get<EventStore>(EVENT_STORE).readAll();
      return events.filter((event) => !event.streamId.startsWith('access-')).length;
    },
    settle: () => settle(app),
    async tamper(eventId) {
      if (standIn) return standIn.corruptData(eventId);
      if (esdb) throw new Error('a real server’s stored bytes cannot be changed from a test');
      const db = new Database(join(dataDir, 'events.db'));
      const row = db.prepare('SELECT data FROM events WHERE id = ?').get(eventId) as { data: string };
      db.prepare('UPDATE events SET data = ? WHERE id = ?').run(flipOneByte(row.data), eventId);
      db.close();
    },
    async rewrite(eventId, data) {
      const bytes = Buffer.from(canonicalJson(data));
      if (standIn) {
        const record = standIn.log.records.find((r) => r.id === eventId);
        if (!record) throw new Error(`no event ${eventId}`);
        const { hash: _old, ...metadata } = JSON.parse(record.customMetadata.toString());
        const hash = eventHash({ ...record, prevHash: metadata.prevHash, data: bytes, metadata: Buffer.from(canonicalJson(metadata)) });
        record.data = bytes;
        record.customMetadata = Buffer.from(JSON.stringify({ ...metadata, hash }));
        return;
      }
      if (esdb) throw new Error('a real server’s stored bytes cannot be changed from a test');
      const db = new Database(join(dataDir, 'events.db'));
      const row = db.prepare('SELECT stream_id AS streamId, revision, type, metadata FROM events WHERE id = ?').get(eventId) as {
        streamId: string;
        revision: number;
        type: string;
        metadata: string;
      };
      const prevHash = (JSON.parse(row.metadata) as { prevHash: string }).prevHash;
      const hash = eventHash({ ...row, id: eventId, prevHash, data: bytes, metadata: Buffer.from(row.metadata) });
      db.prepare('UPDATE events SET data = ?, hash = ? WHERE id = ?').run(bytes.toString(), hash, eventId);
      db.close();
    },
    async close() {
      await app.close();
      await standIn?.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Runs the `bangfu` command in a child process without blocking this one: with the EventStoreDB stand-in
 * serving from this process, a synchronous spawn would deadlock.
 */
export function runCli(args: string[], env: NodeJS.ProcessEnv): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const cli = join(__dirname, '..', '..', 'cli', 'bin', 'bangfu.js');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/**
 * A refusal must carry its status and code and leave the log as it was. Reactions to earlier commands
 * (timers being scheduled) land first, so only this request is measured.
 */
export async function expectRefused(
  t: TestApp,
  request: () => Promise<{ status: number; body: any }>, // eslint-disable-line @typescript-eslint/no-explicit-any
  status: number,
  code: string,
) {
  await t.settle();
  const before = await t.domainEventCount();
  const response = await request();
  await t.settle();
  expect([response.status, response.body.code]).toEqual([status, code]);
  expect(await t.domainEventCount()).toBe(before);
  return response;
}

/** GBK bytes for a text, as Excel in a Chinese locale saves CSV (Node decodes GBK but has no encoder). */
export function encodeGbk(text: string): Buffer {
  const table = new Map<string, number[]>();
  const decoder = new TextDecoder('gbk');
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const char = decoder.decode(new Uint8Array([lead, trail]));
      if (char.length === 1 && char !== '\ufffd' && !table.has(char)) table.set(char, [lead, trail]);
    }
  }
  return Buffer.from([...text].flatMap((char) => (char.charCodeAt(0) < 0x80 ? [char.charCodeAt(0)] : (table.get(char) as number[]))));
}

/**
 * The three calls a spec of one area makes, against `/api/v1`: a command, a read once the views (and timers, when a
 * timeline drives the clock) have settled, and a refusal that must leave the log as it was.
 */
export function apiCalls(t: TestApp, defaultToken: () => string, settle: () => Promise<void> = () => t.settle()) {
  return {
    post: (path: string, body: unknown, token = defaultToken()) => t.request('POST', `/api/v1${path}`, { token, body }),
    get: async (path: string, token = defaultToken()) => {
      await settle();
      return t.request('GET', `/api/v1${path}`, { token });
    },
    refused: (request: () => ReturnType<TestApp['request']>, status: number, code: string) => expectRefused(t, request, status, code),
  };
}
