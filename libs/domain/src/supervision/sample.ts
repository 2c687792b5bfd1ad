import { createHash } from 'node:crypto';

/** SHA-256 of the sorted population, one id per line: names exactly what a sample was drawn from. */
export function populationDigest(population: readonly string[]): string {
  return createHash('sha256')
    .update([...population].sort().join('\n'))
    .digest('hex');
}

/**
 * A reproducible random sample (随机抽查): the population is sorted, then a partial Fisher–Yates shuffle
 * takes `size` ids using SHA-256(seed ‖ counter) as its random numbers. The same seed and population always
 * give the same sample, so a recorded draw can be replayed by anyone and cannot be redrawn quietly.
 */
export function drawSample(population: readonly string[], seed: string, size: number): string[] {
  const pool = [...new Set(population)].sort();
  const take = Math.min(size, pool.length);
  for (let i = 0; i < take; i++) {
    const j = i + uniformBelow(pool.length - i, seed, i);
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  return pool.slice(0, take);
}

/** An unbiased integer in [0, bound): rejection sampling over 48-bit draws. */
function uniformBelow(bound: number, seed: string, step: number): number {
  const limit = Math.floor(2 ** 48 / bound) * bound;
  for (let attempt = 0; ; attempt++) {
    const value = createHash('sha256').update(`${seed}\u0000${step}\u0000${attempt}`).digest().readUIntBE(0, 6);
    if (value < limit) return value % bound;
  }
}
