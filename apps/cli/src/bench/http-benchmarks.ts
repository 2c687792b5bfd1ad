import { join } from 'node:path';
import autocannon from 'autocannon';
import type { Actor } from '@bangfu/domain';
import { Application, type CommandRouter, loadConfig, type RoutedCommand, signToken } from '@bangfu/application';
import { createApp } from '../../../api/src';
import { rssMb, summary, type BenchResult } from './store-benchmarks';

const VILLAGE = '222426103201';
const HOUSEHOLDS = 1000;
const OK = { result: 'met' };

/**
 * Record-visit commands through HTTP as a cadre sends them: 50 connections, each request a full command
 * (token check, validation, facts from three streams, decide, durable append with synchronous=FULL).
 */
export async function runHttpBenchmarks(dir: string, scale: number, log: (line: string) => void): Promise<BenchResult[]> {
  const runs: number[] = [];
  const latencies: { p50: number; p99: number }[] = [];
  for (let r = 0; r < 3; r++) {
    const result = await recordVisits(join(dir, `http-${r}`), Math.max(3, Math.round(10 * scale)));
    runs.push(result.rate);
    latencies.push(result);
    log(`record-visit through HTTP, run ${r + 1}: ${result.rate} commands/s, p50 ${result.p50} ms, p99 ${result.p99} ms`);
  }
  const median = latencies.sort((a, b) => a.p99 - b.p99)[1];
  const queries = await fundQueries(join(dir, 'funds'), Math.max(3, Math.round(5 * scale)), log);
  return [
    ...queries,
    {
      name: 'record-visit through HTTP (50 connections)',
      unit: 'commands/s',
      runs,
      detail: `POST /households/{id}/visits over ${HOUSEHOLDS} households, ${Math.max(3, Math.round(10 * scale))} s per run, every answer 201; latency p50 ${median.p50} ms, p99 ${median.p99} ms (median run)`,
      peakRssMb: rssMb(),
    },
  ];
}

/** The API as a user runs it (rate limit off: the benchmark is the only client), on its own data dir. */
async function benchApp(dataDir: string) {
  const config = loadConfig({
    BANGFU_DATA_DIR: dataDir,
    BANGFU_JWT_SECRET: 'bench',
    BANGFU_LOG: 'false',
    BANGFU_RATE_LIMIT_PER_MINUTE: '0',
  });
  const app = await createApp(config);
  await app.init();
  return app;
}

async function listen(app: Awaited<ReturnType<typeof benchApp>>): Promise<number> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  return (app.getHttpServer().address() as { port: number }).port;
}

async function recordVisits(dataDir: string, seconds: number) {
  const app = await benchApp(dataDir);
  try {
    await seed(app.get(Application).router);
    const port = await listen(app);
    const token = signToken({ sub: 'bench-cadre', roles: ['cadre'], region: '220000', ttlSeconds: 3600 }, 'bench');
    let i = 0;
    const result = await autocannon({
      url: `http://127.0.0.1:${port}`,
      connections: 50,
      duration: seconds,
      requests: [
        {
          method: 'POST',
          setupRequest: (request) => {
            const household = `${VILLAGE}${String(1 + (i++ % HOUSEHOLDS)).padStart(4, '0')}`;
            const occurredAt = new Date(Date.now() - 3_600_000).toISOString();
            return {
              ...request,
              path: `/api/v1/households/${household}/visits`,
              headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
              body: JSON.stringify({
                cadreId: 'bench-cadre',
                kind: '走访',
                occurredAt,
                findings: { food: OK, clothing: OK, education: OK, medical: OK, housing: OK, water: OK },
                measures: ['黄牛养殖项目分红'],
                notes: '入户走访，了解家庭收入和就医情况。',
              }),
            };
          },
        },
      ],
    });
    const failed = result.non2xx + result.errors + result.timeouts;
    if (failed > 0) throw new Error(`record-visit benchmark: ${failed} of ${result.requests.total} requests failed`);
    return { rate: Math.round(summary([result.requests.average])), p50: result.latency.p50, p99: result.latency.p99 };
  } finally {
    await app.close();
  }
}

async function seed(router: CommandRouter, households = HOUSEHOLDS): Promise<void> {
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
  await send({
    type: 'RegisterUnit',
    data: { unitId: 'bench-unit', name: '基准测试单位', regionCode: '220000', leadOfficial: '张义' },
  });
  await send({
    type: 'RegisterCadre',
    data: { cadreId: 'bench-cadre', name: '李明', unitId: 'bench-unit', position: '科员' },
  });
  await Promise.all(
    Array.from({ length: households }, async (_, n) => {
      const householdId = `${VILLAGE}${String(n + 1).padStart(4, '0')}`;
      const members = [{ name: '金大山', idNumber: '11010519491231002X', relation: '户主' as const }];
      await send({
        type: 'RegisterHousehold',
        data: {
          householdId,
          villageCode: VILLAGE,
          members,
          category: '一般贫困户',
          causes: ['因病'],
          identifiedAt: start,
          source: 'import',
        },
      });
      await send({
        type: 'AssignCadre',
        data: {
          householdId,
          cadreId: 'bench-cadre',
          from: start,
          reason: '',
        },
      });
    }),
  );
}

const FUNDS = 200;
const DISBURSEMENTS_PER_FUND = 20;

/** Latency of the fund trace (one fund) and the region funds page, over 200 funds with 20 disbursements each. */
async function fundQueries(dataDir: string, seconds: number, log: (line: string) => void): Promise<BenchResult[]> {
  const app = await benchApp(dataDir);
  try {
    const router = app.get(Application).router;
    await seed(router, 0);
    await seedFunds(router);
    const port = await listen(app);
    const token = signToken({ sub: 'bench-leader', roles: ['leader'], region: '220000', ttlSeconds: 3600 }, 'bench');
    const results: BenchResult[] = [];
    for (const [name, path] of [
      ['fund trace (GET /funds/{id}/trace)', (i: number) => `/api/v1/funds/bench-fund-${i % FUNDS}/trace`],
      ['region funds (GET /regions/{code}/funds)', () => '/api/v1/regions/222426/funds'],
    ] as const) {
      const runs: { p50: number; p99: number; rate: number }[] = [];
      for (let r = 0; r < 3; r++) {
        let i = 0;
        const result = await autocannon({
          url: `http://127.0.0.1:${port}`,
          connections: 10,
          duration: seconds,
          requests: [
            { method: 'GET', setupRequest: (request) => ({ ...request, path: path(i++), headers: { authorization: `Bearer ${token}` } }) },
          ],
        });
        if (result.non2xx + result.errors > 0) throw new Error(`${name}: ${result.non2xx + result.errors} requests failed`);
        runs.push({ p50: result.latency.p50, p99: result.latency.p99, rate: Math.round(result.requests.average) });
        log(
          `${name}, run ${r + 1}: p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, ${Math.round(result.requests.average)} requests/s`,
        );
      }
      results.push({
        name: `${name}, p99 latency`,
        unit: 'ms',
        runs: runs.map((run) => run.p99),
        detail: `10 connections, ${seconds} s per run over ${FUNDS} funds × ${DISBURSEMENTS_PER_FUND} disbursements; p50 ${summary(runs.map((run) => run.p50))} ms, ${summary(runs.map((run) => run.rate))} requests/s`,
        peakRssMb: rssMb(),
      });
    }
    return results;
  } finally {
    await app.close();
  }
}

async function seedFunds(router: CommandRouter): Promise<void> {
  const admin: Actor = { id: 'bench-admin', roles: ['county-admin'], regionCode: '000000' };
  const send = (command: RoutedCommand) => router.dispatch(command, { actor: admin, now: new Date() });
  await Promise.all(
    Array.from({ length: FUNDS }, async (_, f) => {
      const fundId = `bench-fund-${f}`;
      await send({
        type: 'AllocateFund',
        data: {
          fundId,
          source: '整合涉农资金',
          amountFen: 100_000_000,
          regionCode: VILLAGE,
          purpose: f % 3 ? '产业发展' : '基础设施',
          documentNumber: `安财农〔2026〕${f}号`,
          allocatedOn: '2026-01-01',
        },
      });
      for (let d = 0; d < DISBURSEMENTS_PER_FUND; d++) {
        await send({
          type: 'DisburseFund',
          data: {
            fundId,
            disbursementId: `d-${d}`,
            recipient: {
              kind: 'household',
              id: `${VILLAGE}${String(1 + ((f * DISBURSEMENTS_PER_FUND + d) % HOUSEHOLDS)).padStart(4, '0')}`,
            },
            amountFen: 100_000,
            voucherNumber: `V-${f}-${d}`,
            disbursedAt: new Date().toISOString(),
          },
        });
      }
    }),
  );
}
