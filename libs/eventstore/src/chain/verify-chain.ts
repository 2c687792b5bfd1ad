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

/** Where a stream stands after an event: what the next event of the stream must follow. */
export interface ChainHead {
  revision: number;
  hash: string;
  position: number;
}

/** A stream's first event in a range of the log that began after the log did: what it claims to follow. */
export interface ChainEntry {
  revision: number;
  prevHash: string;
  position: number;
  eventId: string;
}

export interface ChainVerifierOptions {
  /**
   * The events are one range of the log after its beginning: a stream's first event here is checked against the
   * previous hash and revision it names, and kept as an entry that `stitchRanges` checks against the range before.
   */
  midLog?: boolean;
}

/**
 * Follows every stream's hash chain, one stored event at a time, in log order with streams interleaved (one head
 * per stream: a sequential read of the log). `accept` answers the first break: stream, revision, event, why.
 */
export class ChainVerifier {
  readonly heads = new Map<string, ChainHead>();
  readonly entries = new Map<string, ChainEntry>();
  private readonly midLog: boolean;
  private events = 0;
  private streams = 0;

  constructor({ midLog = false }: ChainVerifierOptions = {}) {
    this.midLog = midLog;
  }

  accept(event: StoredEventBytes): ChainBreak | undefined {
    const head = this.heads.get(event.streamId);
    let expectedRevision = 0;
    let prevHash = GENESIS_HASH;
    if (head) {
      expectedRevision = head.revision + 1;
      prevHash = head.hash;
    } else {
      this.streams++;
      if (this.midLog) {
        // What came before this range is checked when the ranges are stitched: here the event is held to what it names.
        const named = namedPrevHash(event.metadata);
        if (named === undefined) return breakAt(event, 'prevHash does not name the previous event of the stream');
        expectedRevision = event.revision;
        prevHash = named;
        this.entries.set(event.streamId, { revision: event.revision, prevHash, position: event.position, eventId: event.id });
      }
    }
    if (event.revision !== expectedRevision) {
      return breakAt(event, `revision ${event.revision} where ${expectedRevision} was expected: an event is missing or out of order`);
    }
    if (head && event.position <= head.position) {
      return breakAt(
        event,
        `position ${event.position} is not after revision ${head.revision}'s (${head.position}): events of the stream were reordered`,
      );
    }
    if (namedPrevHash(event.metadata) !== prevHash) return breakAt(event, 'prevHash does not name the previous event of the stream');
    if (!hashMatches(event.hash, event, prevHash))
      return breakAt(event, 'hash does not match the stored event: its bytes or its id were changed');
    if (event.category !== undefined && event.category !== categoryOf(event.streamId)) {
      return breakAt(event, `category column "${event.category}" is not the stream's category "${categoryOf(event.streamId)}"`);
    }
    if (event.region !== undefined && event.region !== subjectRegionOf(event.metadata)) {
      return breakAt(
        event,
        `region column ${event.region ?? 'null'} is not the hashed subjectRegion ${subjectRegionOf(event.metadata) ?? 'null'}`,
      );
    }
    if (head) {
      // Updated in place: a new head per event was a third of verify's garbage.
      head.revision = event.revision;
      head.hash = event.hash;
      head.position = event.position;
    } else this.heads.set(event.streamId, { revision: event.revision, hash: event.hash, position: event.position });
    this.events++;
    return undefined;
  }

  report(broken?: ChainBreak): VerifyReport {
    return broken
      ? { ok: false, events: this.events, streams: this.streams, break: broken }
      : { ok: true, events: this.events, streams: this.streams };
  }
}

function breakAt(event: StoredEventBytes, reason: string): ChainBreak {
  return { streamId: event.streamId, revision: event.revision, eventId: event.id, position: event.position, reason };
}

/** Every stream's hash chain and revision continuity, for events in log order. */
export function verifyChains(events: Iterable<StoredEventBytes>): VerifyReport {
  const verifier = new ChainVerifier();
  for (const event of events) {
    const broken = verifier.accept(event);
    if (broken) return verifier.report(broken);
  }
  return verifier.report();
}

/**
 * Where each stream stood at the end of a range, packed for the trip between threads: one array of stream ids, the
 * numbers in typed arrays, the 64-hex-digit hashes in one string (a structured clone copies these whole, where a
 * Map of objects is cloned object by object and held twice).
 */
export interface PackedHeads {
  streamIds: string[];
  revisions: Int32Array;
  positions: Float64Array;
  hashes: string;
}

/** How each stream entered a range that began after the log did, packed like `PackedHeads`. */
export interface PackedEntries {
  streamIds: string[];
  revisions: Int32Array;
  positions: Float64Array;
  prevHashes: string;
  eventIds: string[];
}

/** One range of the log as a verifier left it: where each stream stood at its end, and how each entered it. */
export interface VerifiedRange {
  heads: PackedHeads;
  entries: PackedEntries;
}

export function packRange(verifier: ChainVerifier): VerifiedRange {
  const heads = [...verifier.heads];
  const entries = [...verifier.entries];
  return {
    heads: {
      streamIds: heads.map(([streamId]) => streamId),
      revisions: Int32Array.from(heads, ([, head]) => head.revision),
      positions: Float64Array.from(heads, ([, head]) => head.position),
      hashes: heads.map(([, head]) => head.hash).join(''),
    },
    entries: {
      streamIds: entries.map(([streamId]) => streamId),
      revisions: Int32Array.from(entries, ([, entry]) => entry.revision),
      positions: Float64Array.from(entries, ([, entry]) => entry.position),
      prevHashes: entries.map(([, entry]) => entry.prevHash).join(''),
      eventIds: entries.map(([, entry]) => entry.eventId),
    },
  };
}

/**
 * Joins consecutive ranges of the log, each verified on its own (the first from the log's beginning, the others
 * `midLog`): a stream's first event in a range must follow where the stream stood at the end of the ranges before
 * it (or open the stream, at revision 0 after the genesis hash). Answers the first break in log order, and how many
 * streams the ranges hold together.
 */
export function stitchRanges(ranges: readonly VerifiedRange[]): { break?: ChainBreak; streams: number } {
  // Each stream's standing head, as (range, index) in one number: no copy of any range's heads.
  const standing = new Map<string, number>();
  const stand = (k: number) => ranges[k].heads.streamIds.forEach((streamId, i) => standing.set(streamId, k * 2 ** 32 + i));
  if (ranges.length > 0) stand(0);
  for (let k = 1; k < ranges.length; k++) {
    const { streamIds, revisions, positions, prevHashes, eventIds } = ranges[k].entries;
    for (let i = 0; i < streamIds.length; i++) {
      const at = standing.get(streamIds[i]);
      const before = at === undefined ? undefined : ranges[Math.floor(at / 2 ** 32)].heads;
      const j = at === undefined ? 0 : at % 2 ** 32;
      const expectedRevision = before ? before.revisions[j] + 1 : 0;
      const expectedPrev = before ? before.hashes.slice(j * 64, j * 64 + 64) : GENESIS_HASH;
      const where = { streamId: streamIds[i], revision: revisions[i], eventId: eventIds[i], position: positions[i] };
      if (revisions[i] !== expectedRevision) {
        const reason = `revision ${revisions[i]} where ${expectedRevision} was expected: an event is missing or out of order`;
        return { streams: standing.size, break: { ...where, reason } };
      }
      if (prevHashes.slice(i * 64, i * 64 + 64) !== expectedPrev) {
        return { streams: standing.size, break: { ...where, reason: 'prevHash does not name the previous event of the stream' } };
      }
    }
    stand(k);
  }
  return { streams: standing.size };
}

const PREV_HASH_KEY = Buffer.from('"prevHash":"', 'latin1');

/**
 * The prevHash the stored metadata names (64 hex digits read as bytes, no decoding), or undefined. Canonical JSON
 * escapes every quote inside a string, so the key's byte pattern can only be the key itself.
 */
function namedPrevHash(metadata: Buffer): string | undefined {
  const at = metadata.lastIndexOf(PREV_HASH_KEY);
  return at < 0 ? undefined : metadata.toString('latin1', at + PREV_HASH_KEY.length, at + PREV_HASH_KEY.length + 64);
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
