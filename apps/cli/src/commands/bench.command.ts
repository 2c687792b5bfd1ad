import { execSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { resolve } from 'node:path';
import { type ParsedArgs, UsageError, flag, onlyFlags } from '../args';
import { machineDescription, renderBenchmarks, type LargeRun } from '../bench/report';
import { runHttpBenchmarks } from '../bench/http-benchmarks';
import { runStoreBenchmarks, type BenchResult } from '../bench/store-benchmarks';
import { checkRss, logResult, runProvinceBenchmarks, runProvinceLog } from '../bench/province-benchmarks';
import { runStep } from '../bench/province-steps';
import { consoleSection, measureConsole, type ConsoleRun } from '../bench/console-budgets';

/** Where `--large` keeps its measurement, beside the report that shows it. */
const LARGE_RESULTS = 'BENCHMARKS.large.json';
/** Where `--console` keeps its measurement. */
const CONSOLE_RESULTS = 'BENCHMARKS.console.json';

/**
 * Measures the event store and the record-visit command through HTTP on this machine and writes
 * BENCHMARKS.md, each target marked met or missed. `--large` measures the province log alone at about
 * 10M events (longer than the 30-minute run allows here) and keeps it for the report to show.
 */
export async function benchCommand(args: ParsedArgs): Promise<number> {
  onlyFlags(args, ['out', 'dir', 'scale', 'households', 'step', 'large', 'console', 'runs']);
  if (args.flags.has('step')) {
    // One step of the province benchmark, run by the parent in a process of its own.
    await runStep(flag(args, 'step'), resolve(flag(args, 'dir')));
    return 0;
  }
  if (args.flags.has('console')) return consoleRun(Number(flag(args, 'runs', '10')), resolve(flag(args, 'out', 'BENCHMARKS.md')));
  const scale = Number(flag(args, 'scale', '1'));
  if (!(scale > 0)) throw new UsageError('--scale must be a positive number');
  const large = args.flags.has('large');
  const households = Number(flag(args, 'households', large ? '90000' : '9000'));
  if (!Number.isInteger(households) || households < 100) throw new UsageError('--households must be a whole number of at least 100');
  const dir = resolve(flag(args, 'dir', '.bench-tmp'));
  if (large) return largeRun(dir, households, resolve(flag(args, 'out', LARGE_RESULTS)));
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  try {
    const log = (line: string) => console.log(line);
    const store = await runStoreBenchmarks(dir, scale, log);
    const http = await runHttpBenchmarks(dir, scale, log);
    const province = await runProvinceBenchmarks(dir, households, Math.max(3, Math.round(10 * scale)), log);
    const results = [...store, ...http, ...province.results];
    checkRss(province.results);
    const out = resolve(flag(args, 'out', 'BENCHMARKS.md'));
    const largeFile = resolve(out, '..', LARGE_RESULTS);
    const largeRun = existsSync(largeFile) ? (JSON.parse(readFileSync(largeFile, 'utf8')) as LargeRun) : undefined;
    const consoleFile = resolve(out, '..', CONSOLE_RESULTS);
    const console_ = existsSync(consoleFile) ? (JSON.parse(readFileSync(consoleFile, 'utf8')) as ConsoleRun) : undefined;
    writeFileSync(out, `${renderBenchmarks(machineDescription(cpus(), totalmem()), results, largeRun)}\n${consoleSection(console_)}`);
    console.log(`wrote ${out}`);
    const missed = results.filter((r) => r.target && !r.target.met);
    for (const r of missed) console.log(`target missed: ${r.name} (${r.target?.text})`);
    return 0;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The province log's steps once each at `households` (90,000 by default: about 10M events), kept as JSON. */
async function largeRun(dir: string, households: number, out: string): Promise<number> {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const started = Date.now();
  try {
    const results: BenchResult[] = [];
    const { events } = await runProvinceLog(dir, households, 1, (result) => {
      results.push(result);
      logResult(result, (line) => console.log(line));
    });
    checkRss(results);
    const run: LargeRun = {
      date: new Date().toISOString().slice(0, 10),
      commit: currentCommit(),
      machine: machineDescription(cpus(), totalmem()),
      households,
      events,
      minutes: Math.round((Date.now() - started) / 60_000),
      results,
    };
    writeFileSync(out, `${JSON.stringify(run, null, 2)}\n`);
    console.log(
      `wrote ${out}: ${events.toLocaleString('en')} events in ${run.minutes} minutes; \`npm run bench\` shows it in BENCHMARKS.md`,
    );
    return 0;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function currentCommit(): string {
  try {
    return execSync('git rev-parse --short HEAD', { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'unknown';
  }
}

/** The console's budgets, kept as JSON and shown in the report's own section (replaced in place, the rest kept). */
async function consoleRun(runs: number, report: string): Promise<number> {
  if (!Number.isInteger(runs) || runs < 1) throw new UsageError('--runs must be a whole number of at least 1');
  const run = await measureConsole(runs, (line) => console.log(line));
  writeFileSync(resolve(report, '..', CONSOLE_RESULTS), `${JSON.stringify(run, null, 2)}\n`);
  const existing = existsSync(report) ? readFileSync(report, 'utf8') : '';
  const start = existing.indexOf('## Web console');
  const next = start < 0 ? -1 : existing.indexOf('\n## ', start + 1);
  const before = start < 0 ? existing.trimEnd() + '\n\n' : existing.slice(0, start);
  const after = next < 0 ? '' : existing.slice(next + 1);
  writeFileSync(report, `${before}${consoleSection(run)}${after ? `\n${after}` : ''}`);
  console.log(`wrote ${report} and ${CONSOLE_RESULTS}`);
  const missed = run.firstScreen.gzipBytes > run.firstScreen.budgetBytes || run.pages.some((p) => p.p95Ms > p.budgetMs);
  if (missed) console.log('a console budget is missed (see the report)');
  return 0;
}
