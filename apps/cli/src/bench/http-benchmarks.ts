import { join } from 'node:path';
import autocannon from 'autocannon';
import type { Actor } from '@bangfu/domain';
import { Application, type CommandRouter, type RoutedCommand, signToken } from '@bangfu/application';
import { BENCH_SECRET, HOUSEHOLDS, VILLAGE, benchApp, getLoad, householdId, seedHouseholds, startBenchServer } from './bench-servers';
import { rssMb, summary, type BenchResult } from './store-benchmarks';

const OK = { result: 'met' };
const CONNECTIONS = 50;

/**
 * The command path through HTTP as cadres use it, against its floor: each server in a process of its own and the
 * load generated from this one. Record-visit is a full command (token check, validation, facts from three streams,
 * decide, durable append with synchronous=FULL, the views applied); the no-op route is NestJS on Fastify with the
 * same validation pipe and nothing behind it; and a leader's timeline read is timed alone, then while record-visit
 * runs, to show whether writes hold reads up.
 */
export async function runHttpBenchmarks(dir: string, scale: number, log: (line: string) => void): Promise<BenchResult[]> {
  const seconds = Math.max(3, Math.round(10 * scale));
  const noop = await noopRuns(dir, seconds, log);
  const visits: VisitRun[] = [];
  for (let r = 0; r < 3; r++) {
    const run = await recordVisitRun(join(dir, `http-${r}`), seconds);
    visits.push(run);
    log(
      `record-visit through HTTP, run ${r + 1}: ${run.rate} commands/s, p50 ${run.p50} ms, p99 ${run.p99} ms; ` +
        `timeline p99 ${run.idleReadP99} ms alone, ${run.loadedReadP99} ms under the load`,
    );
  }
  const noopRate = summary(noop.runs);
  const rate = summary(visits.map((run) => run.rate));
  const median = [...visits].sort((a, b) => a.rate - b.rate)[1];
  const readRatios = visits.map((run) => run.loadedReadP99 / Math.max(1, run.idleReadP99));
  const queries = await fundQueries(join(dir, 'funds'), Math.max(3, Math.round(5 * scale)), log);
  return [
    {
      name: 'no-op NestJS-on-Fastify POST route (baseline)',
      unit: 'requests/s',
      runs: noop.runs,
      detail: `${CONNECTIONS} connections, ${seconds} s per run, same validation pipe, empty handler; server in its own process`,
      peakRssMb: noop.peakRssMb,
    },
    {
      name: `record-visit through HTTP (${CONNECTIONS} connections)`,
      unit: 'commands/s',
      runs: visits.map((run) => run.rate),
      detail:
        `${Math.round((100 * rate) / noopRate)}% of the no-op route; POST /households/{id}/visits over ${HOUSEHOLDS} households, ` +
        `${seconds} s per run, every answer 201; latency p50 ${median.p50} ms, p99 ${median.p99} ms (median run); server in its own process`,
      target: { text: '≥ 35% of the no-op route, p99 ≤ 50 ms', met: rate >= 0.35 * noopRate && median.p99 <= 50 },
      peakRssMb: Math.max(...visits.map((run) => run.peakRssMb)),
    },
    {
      name: 'household timeline read while record-visit runs, p99 latency',
      unit: 'ms',
      runs: visits.map((run) => run.loadedReadP99),
      detail:
        `${summary(readRatios).toFixed(1)}× its p99 alone (${summary(visits.map((run) => run.idleReadP99))} ms); ` +
        `one reader, GET /households/{id}/timeline over ${HOUSEHOLDS} households, beside ${CONNECTIONS} record-visit connections`,
      target: { text: '≤ 2× its p99 alone', met: summary(readRatios) <= 2 },
      peakRssMb: Math.max(...visits.map((run) => run.peakRssMb)),
    },
    ...queries,
  ];
}

async function noopRuns(dir: string, seconds: number, log: (line: string) => void): Promise<{ runs: number[]; peakRssMb: number }> {
  const server = await startBenchServer('serve-noop', join(dir, 'noop'));
  const runs: number[] = [];
  let peakRssMb = 0;
  try {
    for (let r = 0; r < 3; r++) {
      const result = await autocannon({
        url: `http://127.0.0.1:${server.port}/noop`,
        connections: CONNECTIONS,
        duration: seconds,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ kind: '走访', notes: '入户走访' }),
      });
      runs.push(Math.round(result.requests.average));
      log(`no-op route, run ${r + 1}: ${runs[r]} requests/s`);
    }
  } finally {
    ({ peakRssMb } = await server.stop());
  }
  return { runs, peakRssMb };
}

interface VisitRun {
  rate: number;
  p50: number;
  p99: number;
  idleReadP99: number;
  loadedReadP99: number;
  peakRssMb: number;
}

/** One run on a fresh server: the timeline read alone, then record-visit at full load with the same reader beside it. */
async function recordVisitRun(dataDir: string, seconds: number): Promise<VisitRun> {
  const server = await startBenchServer('serve-visits', dataDir);
  try {
    const idle = await timelineReads(server.port, Math.max(3, Math.round(seconds / 2)));
    const [load, loaded] = await Promise.all([recordVisits(server.port, seconds), timelineReads(server.port, seconds)]);
    const failed = load.non2xx + load.errors + load.timeouts;
    if (failed > 0) throw new Error(`record-visit benchmark: ${failed} of ${load.requests.total} requests failed`);
    const { peakRssMb } = await server.stop();
    return {
      rate: Math.round(load.requests.average),
      p50: load.latency.p50,
      p99: load.latency.p99,
      idleReadP99: idle,
      loadedReadP99: loaded,
      peakRssMb,
    };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

function recordVisits(port: number, seconds: number) {
  const token = signToken({ sub: 'bench-cadre', roles: ['cadre'], region: '220000', ttlSeconds: 3600 }, BENCH_SECRET);
  let i = 0;
  return autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: CONNECTIONS,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        setupRequest: (request) => ({
          ...request,
          path: `/api/v1/households/${householdId(i++)}/visits`,
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({
            cadreId: 'bench-cadre',
            kind: '走访',
            occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
            findings: { food: OK, clothing: OK, education: OK, medical: OK, housing: OK, water: OK },
            measures: ['黄牛养殖项目分红'],
            notes: '入户走访，了解家庭收入和就医情况。',
          }),
        }),
      },
    ],
  });
}

/** A leader reading households' timelines one request at a time; the p99 in ms. */
async function timelineReads(port: number, seconds: number): Promise<number> {
  const token = signToken({ sub: 'bench-leader', roles: ['leader'], region: '220000', ttlSeconds: 3600 }, BENCH_SECRET);
  const path = (i: number) => `/api/v1/households/${householdId(i * 7)}/timeline?limit=50`;
  const result = await getLoad(port, { connections: 1, seconds, token, path, what: 'timeline reads' });
  return result.latency.p99;
}

const FUNDS = 200;
const DISBURSEMENTS_PER_FUND = 20;

/** Latency of the fund trace (one fund) and the region funds page, over 200 funds with 20 disbursements each. */
async function fundQueries(dataDir: string, seconds: number, log: (line: string) => void): Promise<BenchResult[]> {
  const app = await benchApp(dataDir);
  try {
    const router = app.get(Application).router;
    await seedHouseholds(router, 0);
    await seedFunds(router);
    await app.listen({ port: 0, host: '127.0.0.1' });
    const port = (app.getHttpServer().address() as { port: number }).port;
    const token = signToken({ sub: 'bench-leader', roles: ['leader'], region: '220000', ttlSeconds: 3600 }, BENCH_SECRET);
    const results: BenchResult[] = [];
    for (const [name, path] of [
      ['fund trace (GET /funds/{id}/trace)', (i: number) => `/api/v1/funds/bench-fund-${i % FUNDS}/trace`],
      ['region funds (GET /regions/{code}/funds)', () => '/api/v1/regions/222426/funds'],
    ] as const) {
      const runs: { p50: number; p99: number; rate: number }[] = [];
      for (let r = 0; r < 3; r++) {
        const result = await getLoad(port, { connections: 10, seconds, token, path, what: name });
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
