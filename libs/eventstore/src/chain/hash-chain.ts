import { hash } from 'node:crypto';
import { canonicalJson } from './canonical-json';

/** prevHash of the first event of every stream. */
export const GENESIS_HASH = '0'.repeat(64);

// Reused for every hash: one copy of the pieces and a one-shot digest cost far less than a Hash object
// fed six updates (createHash's per-call overhead dominated verify). Safe: JavaScript runs one hash at a time.
let scratch = Buffer.allocUnsafe(64 * 1024);

/**
 * The hashed document is the canonical JSON of {data, metadata, revision, stream, type}, with `metadata`
 * lacking only `hash`. The stored `data` and `metadata` are already canonical UTF-8, so the document is
 * assembled from the stored bytes, keys in sorted order: nothing is parsed or re-encoded, which is what
 * lets verify check hundreds of thousands of events a second — and a single changed stored byte changes
 * the hash.
 */
export function eventHash(
  prevHash: string,
  streamId: string,
  revision: number,
  type: string,
  canonicalData: Uint8Array,
  canonicalMetadataWithoutHash: Uint8Array,
): string {
  const tail = `,"revision":${revision},"stream":${JSON.stringify(streamId)},"type":${JSON.stringify(type)}}`;
  const size = prevHash.length + 20 + canonicalData.length + canonicalMetadataWithoutHash.length + Buffer.byteLength(tail);
  if (size > scratch.length) scratch = Buffer.allocUnsafe(size * 2);
  let at = scratch.write(prevHash, 0, 'latin1');
  at += scratch.write('{"data":', at, 'latin1');
  scratch.set(canonicalData, at);
  at += canonicalData.length;
  at += scratch.write(',"metadata":', at, 'latin1');
  scratch.set(canonicalMetadataWithoutHash, at);
  at += canonicalMetadataWithoutHash.length;
  at += scratch.write(tail, at, 'utf8');
  return hash('sha256', scratch.subarray(0, at), 'hex');
}

/**
 * An event's chain hash recomputed from its parsed envelope (as exported in a dossier): canonical JSON of
 * its data and of its metadata without `hash`. Any changed byte of the content gives another hash.
 */
export function recomputeEventHash(event: {
  streamId: string;
  revision: number;
  type: string;
  data: unknown;
  metadata: { prevHash: string; hash?: string };
}): string {
  const { hash: _hash, ...metadata } = event.metadata;
  return eventHash(
    metadata.prevHash,
    event.streamId,
    event.revision,
    event.type,
    Buffer.from(canonicalJson(event.data)),
    Buffer.from(canonicalJson(metadata)),
  );
}
