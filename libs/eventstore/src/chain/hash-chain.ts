import { createHash } from 'node:crypto';

/** prevHash of the first event of every stream. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * The stored texts of `data` and `metadata` (minus `hash`) are already canonical JSON, so the hashed
 * document — canonical JSON of {data, metadata, revision, stream, type} — is assembled from them by
 * concatenation (keys in sorted order) instead of re-parsing and re-serialising every event. This is
 * what lets `verify` check hundreds of thousands of events a second, and it hashes the stored bytes
 * themselves: a single changed byte changes the hash.
 */
export function eventHash(
  prevHash: string,
  streamId: string,
  revision: number,
  type: string,
  canonicalData: string,
  canonicalMetadataWithoutHash: string,
): string {
  return createHash('sha256')
    .update(prevHash)
    .update('{"data":')
    .update(canonicalData)
    .update(',"metadata":')
    .update(canonicalMetadataWithoutHash)
    .update(`,"revision":${revision},"stream":${JSON.stringify(streamId)},"type":${JSON.stringify(type)}}`)
    .digest('hex');
}
