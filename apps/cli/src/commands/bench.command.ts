import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { resolve } from 'node:path';
import { type ParsedArgs, UsageError, flag, onlyFlags } from '../args';
import { machineDescription, renderBenchmarks } from '../bench/report';
import { runHttpBenchmarks } from '../bench/http-benchmarks';
import { runStoreBenchmarks } from '../bench/store-benchmarks';

/** Measures the event store and the record-visit command through HTTP on this machine and writes BENCHMARKS.md, each target marked met or missed. */
export async function benchCommand(args: ParsedArgs): Promise<number> {
  onlyFlags(args, ['out', 'dir', 'scale']);
  const scale = Number(flag(args, 'scale', '1'));
  if (!(scale > 0)) throw new UsageError('--scale must be a positive number');
  const dir = resolve(flag(args, 'dir', '.bench-tmp'));
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  try {
    const log = (line: string) => console.log(line);
    const results = [...(await runStoreBenchmarks(dir, scale, log)), ...(await runHttpBenchmarks(dir, scale, log))];
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
