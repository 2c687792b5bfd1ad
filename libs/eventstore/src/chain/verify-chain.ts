import { GENESIS_HASH, eventHash } from './hash-chain';

/** An event exactly as stored: `data` and `metadata` (without `hash`) are the stored canonical JSON, as UTF-8. */
export interface StoredEventBytes {
  position: number;
  id: string;
  streamId: string;
  revision: number;
  type: string;
  data: Uint8Array;
  metadata: Buffer;
  hash: string;
}

export interface ChainBreak {
  streamId: string;
  revision: number;
  eventId: string;
  position: number;
  reason: string;
}

export type VerifyReport =
  { ok: true; events: number; streams: number } | { ok: false; events: number; streams: number; break: ChainBreak };

/**
 * Checks every stream's hash chain and revision continuity. `events` must come grouped by stream and in
 * revision order within each stream. Stops at the first break, which names the stream, revision and event.
 */
export function verifyChains(events: Iterable<StoredEventBytes>): VerifyReport {
  let count = 0;
  let streams = 0;
  let currentStream: string | undefined;
  let expectedRevision = 0;
  let prevHash = GENESIS_HASH;
  for (const event of events) {
    if (event.streamId !== currentStream) {
      currentStream = event.streamId;
      streams++;
      expectedRevision = 0;
      prevHash = GENESIS_HASH;
    }
    const fail = (reason: string): VerifyReport => ({
      ok: false,
      events: count,
      streams,
      break: { streamId: event.streamId, revision: event.revision, eventId: event.id, position: event.position, reason },
    });
    if (event.revision !== expectedRevision) {
      return fail(`revision ${event.revision} where ${expectedRevision} was expected: an event is missing or out of order`);
    }
    if (!namesPrevHash(event.metadata, prevHash)) {
      return fail('prevHash does not name the previous event of the stream');
    }
    const hash = eventHash(prevHash, event.streamId, event.revision, event.type, event.data, event.metadata);
    if (hash !== event.hash) return fail('hash does not match the stored event: its bytes were changed');
    prevHash = hash;
    expectedRevision++;
    count++;
  }
  return { ok: true, events: count, streams };
}

const PREV_HASH_KEY = Buffer.from('"prevHash":"', 'latin1');

/** Whether the stored metadata names `prevHash` as its prevHash (a byte comparison, no decoding). */
function namesPrevHash(metadata: Buffer, prevHash: string): boolean {
  const at = metadata.lastIndexOf(PREV_HASH_KEY);
  return at >= 0 && metadata.toString('latin1', at + PREV_HASH_KEY.length, at + PREV_HASH_KEY.length + 64) === prevHash;
}
