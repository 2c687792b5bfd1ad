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
 * Follows every stream's hash chain, one stored event at a time. Events may come grouped by stream (the
 * SQLite walk: only the current stream's head is kept) or in log order with streams interleaved (the
 * EventStoreDB walk: one head per stream). `accept` answers the first break: stream, revision, event, why.
 */
export class ChainVerifier {
  private readonly heads = new Map<string, { revision: number; hash: string }>();
  private current?: string;
  private events = 0;
  private streams = 0;

  constructor(private readonly groupedByStream: boolean) {}

  accept(event: StoredEventBytes): ChainBreak | undefined {
    if (event.streamId !== this.current) {
      if (this.groupedByStream) this.heads.clear();
      this.current = event.streamId;
    }
    const head = this.heads.get(event.streamId);
    if (!head) this.streams++;
    const expectedRevision = head ? head.revision + 1 : 0;
    const prevHash = head?.hash ?? GENESIS_HASH;
    const fail = (reason: string): ChainBreak => ({
      streamId: event.streamId,
      revision: event.revision,
      eventId: event.id,
      position: event.position,
      reason,
    });
    if (event.revision !== expectedRevision) {
      return fail(`revision ${event.revision} where ${expectedRevision} was expected: an event is missing or out of order`);
    }
    if (!namesPrevHash(event.metadata, prevHash)) return fail('prevHash does not name the previous event of the stream');
    const hash = eventHash(prevHash, event.streamId, event.revision, event.type, event.data, event.metadata);
    if (hash !== event.hash) return fail('hash does not match the stored event: its bytes were changed');
    this.heads.set(event.streamId, { revision: event.revision, hash });
    this.events++;
    return undefined;
  }

  report(broken?: ChainBreak): VerifyReport {
    return broken
      ? { ok: false, events: this.events, streams: this.streams, break: broken }
      : { ok: true, events: this.events, streams: this.streams };
  }
}

/** Every stream's hash chain and revision continuity, for events grouped by stream in revision order. */
export function verifyChains(events: Iterable<StoredEventBytes>): VerifyReport {
  const verifier = new ChainVerifier(true);
  for (const event of events) {
    const broken = verifier.accept(event);
    if (broken) return verifier.report(broken);
  }
  return verifier.report();
}

const PREV_HASH_KEY = Buffer.from('"prevHash":"', 'latin1');

/** Whether the stored metadata names `prevHash` as its prevHash (a byte comparison, no decoding). */
function namesPrevHash(metadata: Buffer, prevHash: string): boolean {
  const at = metadata.lastIndexOf(PREV_HASH_KEY);
  return at >= 0 && metadata.toString('latin1', at + PREV_HASH_KEY.length, at + PREV_HASH_KEY.length + 64) === prevHash;
}
