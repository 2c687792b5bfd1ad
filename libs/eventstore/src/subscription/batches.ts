import type { RecordedEvent } from '../event-store.port';

/**
 * Groups a one-at-a-time subscription into batches of whatever has already arrived (up to `maxBatch`),
 * so a projection commits a catch-up of thousands of events in a few transactions while a live event is
 * still handled the moment it arrives. Reading pauses while a full batch waits (back-pressure).
 */
export async function* batches(source: AsyncIterable<RecordedEvent>, maxBatch = 1000): AsyncGenerator<RecordedEvent[]> {
  const iterator = source[Symbol.asyncIterator]();
  let buffer: RecordedEvent[] = [];
  let done = false;
  let failure: unknown;
  let notifyConsumer: (() => void) | undefined;
  let notifyProducer: (() => void) | undefined;

  void (async () => {
    try {
      for (;;) {
        while (buffer.length >= maxBatch) await new Promise<void>((resolve) => (notifyProducer = resolve));
        const next = await iterator.next();
        if (next.done) break;
        buffer.push(next.value);
        notifyConsumer?.();
      }
    } catch (error) {
      failure = error;
    } finally {
      done = true;
      notifyConsumer?.();
    }
  })();

  try {
    for (;;) {
      if (buffer.length === 0) {
        if (done) break;
        await new Promise<void>((resolve) => (notifyConsumer = resolve));
        notifyConsumer = undefined;
        continue;
      }
      // Let already-resolved reads land before cutting the batch.
      await new Promise<void>((resolve) => setImmediate(resolve));
      const batch = buffer.slice(0, maxBatch);
      buffer = buffer.slice(batch.length);
      notifyProducer?.();
      notifyProducer = undefined;
      yield batch;
    }
    if (failure) throw failure;
  } finally {
    // Not awaited: a live subscription answers return() only once its pending read ends. Whoever opened
    // the subscription closes it, which ends that read and with it the pump.
    void iterator.return?.(undefined)?.catch(() => undefined);
  }
}
