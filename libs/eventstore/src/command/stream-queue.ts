const queues = new WeakMap<object, Map<string, Promise<void>>>();

/**
 * Runs commands on one stream one after another within this process. Optimistic concurrency stays the
 * guard across processes and nodes; in-process, a hot stream (the last yuan of a fund, twenty cadres on one
 * village) would otherwise burn its retries on conflicts it can simply wait out.
 */
export function inStreamOrder<T>(owner: object, streamId: string, work: () => Promise<T>): Promise<T> {
  let byStream = queues.get(owner);
  if (!byStream) queues.set(owner, (byStream = new Map()));
  const run = (byStream.get(streamId) ?? Promise.resolve()).then(work);
  const tail = run.then(
    () => undefined,
    () => undefined,
  );
  byStream.set(streamId, tail);
  void tail.then(() => {
    if (byStream.get(streamId) === tail) byStream.delete(streamId);
  });
  return run;
}
