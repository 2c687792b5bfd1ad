import { categoryOf } from '../event-store.port';
import { GENESIS_HASH, hashMatches } from './hash-chain';

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
  /** Columns a store keeps beside the hashed bytes (SQLite's `category` and `region`): checked against them. */
  category?: string;
  region?: string | null;
}

export interface ChainBreak {
  /** The event found broken — absent where what broke is the log's continuity (a removed event) or a checkpoint. */
  streamId?: string;
  revision?: number;
  eventId?: string;
  position: number;
  reason: string;
  /** The signed checkpoint that no longer matches the log. */
  checkpoint?: { treeSize: number; signedAt: string };
}

/** `checkpoints`: how many signed checkpoints were found to match the log (when any were given). */
export type VerifyReport =
  | { ok: true; events: number; streams: number; checkpoints?: number }
  | { ok: false; events: number; streams: number; checkpoints?: number; break: ChainBreak };

/**
 * Follows every stream's hash chain, one stored event at a time. Events may come grouped by stream (the
 * SQLite walk: only the current stream's head is kept) or in log order with streams interleaved (the
 * EventStoreDB walk: one head per stream). `accept` answers the first break: stream, revision, event, why.
 */
export class ChainVerifier {
  private readonly heads = new Map<string, { revision: number; hash: string; position: number }>();
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
    if (head && event.position <= head.position) {
      return fail(
        `position ${event.position} is not after revision ${head.revision}'s (${head.position}): events of the stream were reordered`,
      );
    }
    if (!namesPrevHash(event.metadata, prevHash)) return fail('prevHash does not name the previous event of the stream');
    if (!hashMatches(event.hash, { ...event, prevHash })) {
      return fail('hash does not match the stored event: its bytes or its id were changed');
    }
    if (event.category !== undefined && event.category !== categoryOf(event.streamId)) {
      return fail(`category column "${event.category}" is not the stream's category "${categoryOf(event.streamId)}"`);
    }
    if (event.region !== undefined && event.region !== subjectRegionOf(event.metadata)) {
      return fail(`region column ${event.region ?? 'null'} is not the hashed subjectRegion ${subjectRegionOf(event.metadata) ?? 'null'}`);
    }
    this.heads.set(event.streamId, { revision: event.revision, hash: event.hash, position: event.position });
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

const SUBJECT_REGION_KEY = Buffer.from('"subjectRegion":"', 'latin1');

/**
 * The hashed metadata's subjectRegion (a division code: digits, never escaped), or null. Canonical JSON
 * escapes every quote inside a string, so the key's byte pattern can only be the key itself.
 */
function subjectRegionOf(metadata: Buffer): string | null {
  const at = metadata.lastIndexOf(SUBJECT_REGION_KEY);
  if (at < 0) return null;
  const start = at + SUBJECT_REGION_KEY.length;
  return metadata.toString('latin1', start, metadata.indexOf(0x22, start));
}
