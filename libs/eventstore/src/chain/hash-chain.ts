import { hash } from 'node:crypto';
import { canonicalJson } from './canonical-json';

/** prevHash of the first event of every stream. */
export const GENESIS_HASH = '0'.repeat(64);

// Reused for every hash: one copy of the pieces and a one-shot digest cost far less than a Hash object
// fed six updates (createHash's per-call overhead dominated verify). Safe: JavaScript runs one hash at a time.
let scratch = Buffer.allocUnsafe(64 * 1024);

/** What an event's chain hash is made over: the stored canonical JSON bytes and the columns beside them. */
export interface ChainedContent {
  prevHash: string;
  id: string;
  streamId: string;
  revision: number;
  type: string;
  /** Canonical JSON of the event's data, UTF-8. */
  data: Uint8Array;
  /** Canonical JSON of its metadata without `hash`, UTF-8. */
  metadata: Uint8Array;
}

/**
 * The hashed document is the canonical JSON of {data, id, metadata, revision, stream, type}, with
 * `metadata` lacking only `hash`: the event's id is bound too, since findings and cases cite events by it.
 * The stored `data` and `metadata` are already canonical UTF-8, so the document is assembled from the
 * stored bytes, keys in sorted order: nothing is parsed or re-encoded, which is what lets verify check
 * hundreds of thousands of events a second — and a single changed stored byte changes the hash.
 */
export function eventHash(content: ChainedContent): string {
  return hashDocument(content, content.prevHash, `,"id":${JSON.stringify(content.id)}`);
}

/**
 * The hash of an event written before ids were bound (the same document without `id`). Verify accepts it
 * only where the id-bound hash does not match: a changed id of a newer event matches neither, because the
 * stored hash was made over a document holding the id. Such older events keep their id unbound.
 */
export function legacyEventHash(content: Omit<ChainedContent, 'id'>): string {
  return hashDocument(content, content.prevHash, '');
}

/**
 * Whether `hash` is the chain hash of this stored content after `prevHash`, id-bound or (for events written
 * before) not. The previous hash is given apart so that verify hashes each stored row as it is read, unchanged.
 */
export function hashMatches(hash: string, content: Omit<ChainedContent, 'prevHash'>, prevHash: string): boolean {
  return hashDocument(content, prevHash, `,"id":${JSON.stringify(content.id)}`) === hash || hashDocument(content, prevHash, '') === hash;
}

function hashDocument(
  { streamId, revision, type, data, metadata }: Omit<ChainedContent, 'id' | 'prevHash'>,
  prevHash: string,
  idMember: string,
): string {
  const tail = `,"revision":${revision},"stream":${JSON.stringify(streamId)},"type":${JSON.stringify(type)}}`;
  const size = prevHash.length + 20 + Buffer.byteLength(idMember) + data.length + metadata.length + Buffer.byteLength(tail);
  if (size > scratch.length) scratch = Buffer.allocUnsafe(size * 2);
  let at = scratch.write(prevHash, 0, 'latin1');
  at += scratch.write('{"data":', at, 'latin1');
  scratch.set(data, at);
  at += data.length;
  at += scratch.write(idMember, at, 'utf8');
  at += scratch.write(',"metadata":', at, 'latin1');
  scratch.set(metadata, at);
  at += metadata.length;
  at += scratch.write(tail, at, 'utf8');
  return hash('sha256', scratch.subarray(0, at), 'hex');
}

/**
 * Whether an event's parsed envelope (as exported in a dossier) still has the content its `metadata.hash`
 * was made over: canonical JSON of its data and of its metadata without `hash`, its id, stream, revision
 * and type. Any changed byte of the content, or a changed id, fails.
 */
export function envelopeMatchesHash(event: {
  id: string;
  streamId: string;
  revision: number;
  type: string;
  data: unknown;
  metadata: { prevHash: string; hash?: string };
}): boolean {
  const { hash, ...metadata } = event.metadata;
  return (
    typeof hash === 'string' &&
    hashMatches(
      hash,
      { ...event, data: Buffer.from(canonicalJson(event.data)), metadata: Buffer.from(canonicalJson(metadata)) },
      metadata.prevHash,
    )
  );
}
