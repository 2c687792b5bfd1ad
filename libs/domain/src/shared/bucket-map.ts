const BUCKETS = 256;

function bucketOf(key: string): number {
  let h = 0;
  for (let i = 0; i < key.length; i++) h = (Math.imul(h, 31) + key.charCodeAt(i)) | 0;
  return (h >>> 0) % BUCKETS;
}

/**
 * An immutable string-keyed map whose `set` copies one of 256 buckets instead of every entry. Deciders'
 * states never change in place; with a plain Map each new entry copied them all, so folding a county fund's
 * tens of thousands of disbursements cost the square of their number.
 */
export class BucketMap<V> {
  private constructor(
    private readonly buckets: readonly (ReadonlyMap<string, V> | undefined)[],
    readonly size: number,
  ) {}

  static empty<V>(): BucketMap<V> {
    return new BucketMap<V>(new Array(BUCKETS).fill(undefined), 0);
  }

  get(key: string): V | undefined {
    return this.buckets[bucketOf(key)]?.get(key);
  }

  has(key: string): boolean {
    return this.buckets[bucketOf(key)]?.has(key) ?? false;
  }

  /** A new map with `key` set; this one is unchanged. */
  set(key: string, value: V): BucketMap<V> {
    const index = bucketOf(key);
    const bucket = new Map(this.buckets[index]);
    const added = bucket.has(key) ? 0 : 1;
    bucket.set(key, value);
    const buckets = this.buckets.slice();
    buckets[index] = bucket;
    return new BucketMap(buckets, this.size + added);
  }

  *values(): IterableIterator<V> {
    for (const bucket of this.buckets) if (bucket) yield* bucket.values();
  }
}
