import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Role } from '@bangfu/domain';
import { signToken } from '../src/auth/jwt';
import { loadConfig, type BangfuConfig } from '../src/config/bangfu-config';
import { createApp } from '../src/create-app';
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
    options?: { token?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> },
  ): Promise<{
    status: number;
    body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
    headers: Headers;
  }>;
  /** Events in the log other than the access log's: what a refused request must leave unchanged. */
  domainEventCount(): number;
  close(): Promise<void>;
}

/** A real API on a real port with its own data dir: what a user would run, minus the demo unless asked. */
export async function startTestApp(
  options: { demo?: boolean; env?: Record<string, string> } & InfrastructureOverrides = {},
): Promise<TestApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bangfu-e2e-'));
  const config = loadConfig({
    BANGFU_DATA_DIR: dataDir,
    BANGFU_JWT_SECRET: 'e2e-secret',
    BANGFU_LOG: 'false',
    BANGFU_TIMER_INTERVAL_MS: '0',
    ...options.env,
  });
  const app = await createApp(config, { clock: options.clock });
  await app.init();
  if (options.demo) await loadDemoIfEmpty(app);
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
    domainEventCount() {
      const db = new Database(join(dataDir, 'events.db'), { readonly: true });
      try {
        return (db.prepare("SELECT COUNT(*) AS n FROM events WHERE category <> 'access'").get() as { n: number }).n;
      } finally {
        db.close();
      }
    },
    async close() {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
