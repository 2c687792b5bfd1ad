import { spawn } from 'node:child_process';
import autocannon from 'autocannon';
import { join } from 'node:path';
import { Body, Controller, Module, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Actor } from '@bangfu/domain';
import { Application, type CommandRouter, loadConfig, type RoutedCommand } from '@bangfu/application';
import { createApp, strictValidationPipe } from '../../../api/src';
import { rssMb } from './store-benchmarks';

const CLI = join(__dirname, '..', 'main.js');
export const BENCH_SECRET = 'bench';
export const VILLAGE = '222426103201';
export const HOUSEHOLDS = 1000;
export const householdId = (n: number) => `${VILLAGE}${String(1 + (n % HOUSEHOLDS)).padStart(4, '0')}`;

/**
 * GET requests from `connections` clients for `seconds`, the i-th to `path(i)` with the bearer `token`: a reader's load.
 * A run in which any request failed measures nothing and is refused, naming `what`.
 */
export async function getLoad(
  port: number,
  {
    connections,
    seconds,
    token,
    path,
    what,
  }: { connections: number; seconds: number; token: string; path: (i: number) => string; what: string },
): Promise<autocannon.Result> {
  let i = 0;
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections,
    duration: seconds,
    requests: [
      { method: 'GET', setupRequest: (request) => ({ ...request, path: path(i++), headers: { authorization: `Bearer ${token}` } }) },
    ],
  });
  if (result.non2xx + result.errors > 0)
    throw new Error(`${what}: ${result.non2xx + result.errors} of ${result.requests.total} requests failed`);
  return result;
}

/** A server under load in a process of its own: where it listens, and how to stop it and learn its peak RSS. */
export interface BenchServer {
  port: number;
  stop(): Promise<{ peakRssMb: number }>;
}

/**
 * Starts `bangfu bench --step NAME` as the server under test, so that the load generator (this process) neither
 * shares its event loop nor its CPU time: the server prints its port, serves until told to stop, then its peak RSS.
 */
export function startBenchServer(name: 'serve-visits' | 'serve-noop' | 'serve-esdb', dir: string): Promise<BenchServer> {
  return new Promise((resolve, reject) => {
    // Told to stop over the IPC channel: the API answers SIGTERM by closing and ending itself (Nest's shutdown
    // hooks), before it could report.
    const child = spawn(process.execPath, [CLI, 'bench', '--step', name, '--dir', dir], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
    let out = '';
    let stopped: { resolve(peak: { peakRssMb: number }): void; reject(error: Error): void } | undefined;
    child.stdout?.on('data', (chunk) => {
      out += chunk;
      const listening = /^BENCH_SERVER (\d+)\n/m.exec(out);
      if (!listening) return;
      out = out.slice(listening.index + listening[0].length);
      resolve({
        port: Number(listening[1]),
        stop: () =>
          new Promise((done, fail) => {
            stopped = { resolve: done, reject: fail };
            child.send('stop');
          }),
      });
    });
    child.on('error', reject);
    child.on('close', (status) => {
      const line = out.split('\n').find((l) => l.startsWith('BENCH_RESULT '));
      const failure = new Error(`benchmark server ${name} failed (exit ${status})`);
      if (!line) return stopped ? stopped.reject(failure) : reject(failure);
      stopped?.resolve(JSON.parse(line.slice('BENCH_RESULT '.length)) as { peakRssMb: number });
    });
  });
}

/** Runs in the server's process: listens, says where, and when told to stop closes and reports its peak RSS. */
export async function serveStep(name: string, dir: string): Promise<void> {
  const app = name === 'serve-visits' ? await visitsApp(dir) : await noopApp();
  await app.listen({ port: 0, host: '127.0.0.1' });
  console.log(`BENCH_SERVER ${(app.getHttpServer().address() as { port: number }).port}`);
  await new Promise<void>((resolve) => process.once('message', () => resolve()));
  await app.close();
  console.log(`BENCH_RESULT ${JSON.stringify({ peakRssMb: rssMb() })}`);
  process.disconnect?.();
}

/** The API as a user runs it (rate limit off: the benchmark is the only client), on its own data dir. */
export async function benchApp(dataDir: string) {
  const config = loadConfig({
    BANGFU_DATA_DIR: dataDir,
    BANGFU_JWT_SECRET: BENCH_SECRET,
    BANGFU_LOG: 'false',
    BANGFU_RATE_LIMIT_PER_MINUTE: '0',
  });
  const app = await createApp(config);
  await app.init();
  return app;
}

/** The bench app with a village of households, each with its cadre: ready for record-visit. */
async function visitsApp(dataDir: string) {
  const app = await benchApp(dataDir);
  await seedHouseholds(app.get(Application).router);
  return app;
}

@Controller()
class NoopController {
  @Post('noop')
  noop(@Body() _body: unknown) {
    return { ok: true };
  }
}

@Module({ controllers: [NoopController] })
class NoopModule {}

/** The floor under any command route: NestJS on Fastify with the same validation pipe and an empty handler. */
async function noopApp() {
  const app = await NestFactory.create<NestFastifyApplication>(NoopModule, new FastifyAdapter({ bodyLimit: 1024 * 1024 }), {
    logger: ['error'],
  });
  app.useGlobalPipes(strictValidationPipe());
  return app;
}

/** 吉林省 down to 德化村, a unit and its cadre, and `households` households assigned to that cadre. */
export async function seedHouseholds(router: CommandRouter, households = HOUSEHOLDS): Promise<void> {
  const admin: Actor = { id: 'bench-admin', roles: ['county-admin'], regionCode: '000000' };
  const send = (command: RoutedCommand) => router.dispatch(command, { actor: admin, now: new Date() });
  const start = new Date(Date.now() - 30 * 86_400_000).toISOString();
  for (const [code, name] of [
    ['220000', '吉林省'],
    ['222400', '延边州'],
    ['222426', '安图县'],
    ['222426103', '松江镇'],
    [VILLAGE, '德化村'],
  ]) {
    await send({ type: 'RegisterRegion', data: { code, name } });
  }
  await send({ type: 'RegisterUnit', data: { unitId: 'bench-unit', name: '基准测试单位', regionCode: '220000', leadOfficial: '张义' } });
  await send({ type: 'RegisterCadre', data: { cadreId: 'bench-cadre', name: '李明', unitId: 'bench-unit', position: '科员' } });
  await Promise.all(
    Array.from({ length: households }, async (_, n) => {
      const id = householdId(n);
      const members = [{ name: '金大山', idNumber: '11010519491231002X', relation: '户主' as const }];
      await send({
        type: 'RegisterHousehold',
        data: {
          householdId: id,
          villageCode: VILLAGE,
          members,
          category: '一般贫困户',
          causes: ['因病'],
          identifiedAt: start,
          source: 'import',
        },
      });
      await send({ type: 'AssignCadre', data: { householdId: id, cadreId: 'bench-cadre', from: start, reason: '' } });
    }),
  );
}
