import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { resolve } from 'node:path';
import { type ParsedArgs, UsageError, flag, onlyFlags } from '../args';
import { machineDescription, renderBenchmarks } from '../bench/report';
import { runHttpBenchmarks } from '../bench/http-benchmarks';
import { runStoreBenchmarks, summary, type BenchResult } from '../bench/store-benchmarks';
import { runProvinceBenchmarks } from '../bench/province-benchmarks';
import { runStep } from '../bench/province-steps';

/** Measures the event store and the record-visit command through HTTP on this machine and writes BENCHMARKS.md, each target marked met or missed. */
export async function benchCommand(args: ParsedArgs): Promise<number> {
  onlyFlags(args, ['out', 'dir', 'scale', 'households', 'step']);
  if (args.flags.has('step')) {
    // One step of the province benchmark, run by the parent in a process of its own.
    await runStep(flag(args, 'step'), resolve(flag(args, 'dir')));
    return 0;
  }
  const scale = Number(flag(args, 'scale', '1'));
  if (!(scale > 0)) throw new UsageError('--scale must be a positive number');
  const households = Number(flag(args, 'households', '9000'));
  if (!Number.isInteger(households) || households < 100) throw new UsageError('--households must be a whole number of at least 100');
  const dir = resolve(flag(args, 'dir', '.bench-tmp'));
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  try {
    const log = (line: string) => console.log(line);
    const store = await runStoreBenchmarks(dir, scale, log);
    const http = await runHttpBenchmarks(dir, scale, log);
    const province = await runProvinceBenchmarks(dir, households, Math.max(3, Math.round(10 * scale)), log);
    const recordVisit = http.find((r) => r.name.startsWith('record-visit')) as BenchResult;
    recordVisit.target = { text: '≥ 35% of the no-op route', met: summary(recordVisit.runs) >= 0.35 * province.noopRate };
    const results = [...store, ...http, ...province.results];
    for (const r of province.results)
      if (r.peakRssMb > 512) r.target = { text: `${r.target ? `${r.target.text}; ` : ''}RSS ≤ 512 MB`, met: false };
    const out = resolve(flag(args, 'out', 'BENCHMARKS.md'));
    writeFileSync(out, renderBenchmarks(machineDescription(cpus(), totalmem()), results));
    console.log(`wrote ${out}`);
    const missed = results.filter((r) => r.target && !r.target.met);
    for (const r of missed) console.log(`target missed: ${r.name} (${r.target?.text})`);
    return 0;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
