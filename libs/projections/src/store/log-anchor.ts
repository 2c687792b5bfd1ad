import type { EventStore } from '@bangfu/eventstore';

/**
 * Whether the log still holds, at `position`, the event a view (or a process manager) last applied. It
 * does not after an older events.db is restored beside newer views (the position is past the head) or
 * after the log was replaced (another event there): such a checkpoint would skip every new event up to
 * it. A checkpoint written before hashes were kept (`hash` null) is checked for the position alone.
 */
export async function logAnchorHolds(store: EventStore, position: number, hash: string | null): Promise<boolean> {
  if (position === 0) return true;
  const event = await store.eventAt(position);
  return event !== undefined && (hash === null || event.metadata.hash === hash);
}
