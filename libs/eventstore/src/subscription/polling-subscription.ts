import type { AllSubscription, RecordedEvent } from '../event-store.port';

export interface PollingSubscriptionSource {
  fromPosition: number;
  /** Events after `fromPosition`; `scannedTo`, when set, is a position up to which nothing else matches. */
  readPage(fromPosition: number, maxCount: number): { events: RecordedEvent[]; scannedTo?: number };
  /** Registers a wake-up call for new appends in this process; returns the unregister function. */
  onAppend(listener: () => void): () => void;
  /** Upper bound on the wait, so appends by another process are seen too. */
  pollIntervalMs: number;
  pageSize?: number;
}

/**
 * Catch-up then live over one query: every page starts strictly after the last position delivered, so the
 * hand-off from catch-up to live can neither skip nor repeat an event, whatever is appended meanwhile.
 */
export function pollingSubscription(source: PollingSubscriptionSource): AllSubscription {
  let closed = false;
  let wake: (() => void) | undefined;
  const pageSize = source.pageSize ?? 512;

  async function* events(): AsyncGenerator<RecordedEvent> {
    let position = source.fromPosition;
    const unregister = source.onAppend(() => wake?.());
    try {
      while (!closed) {
        const page = source.readPage(position, pageSize);
        for (const event of page.events) {
          if (closed) return;
          position = event.position;
          yield event;
        }
        if (page.scannedTo !== undefined && page.scannedTo > position) position = page.scannedTo;
        if (page.events.length < pageSize && !closed) await waitForAppend();
      }
    } finally {
      unregister();
    }
  }

  function waitForAppend(): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, source.pollIntervalMs);
      function done() {
        clearTimeout(timer);
        wake = undefined;
        resolve();
      }
      wake = done;
    });
  }

  const iterator = events();
  return {
    [Symbol.asyncIterator]: () => iterator,
    close() {
      closed = true;
      wake?.();
      void iterator.return(undefined);
    },
  };
}
