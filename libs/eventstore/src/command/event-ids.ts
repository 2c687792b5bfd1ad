import { hash, randomUUID } from 'node:crypto';

// Fixed namespace for bangfu's name-based (v5) event ids. Changing it would break idempotency of resends.
const NAMESPACE = Buffer.from('6f1c2a4e9b7d4c1e8a3f5b2d7e9c0a14', 'hex');

/** RFC 4122 version-5 UUID of `name`: the same idempotency key always yields the same event ids. */
export function nameBasedUuid(name: string): string {
  // One-shot hash: a simulation derives millions of ids, and createHash's object per id was most of their cost.
  const bytes = hash('sha1', Buffer.concat([NAMESPACE, Buffer.from(name, 'utf8')]), 'buffer').subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Event ids for one command: derived from its idempotency key when it has one, random otherwise. */
export function eventIdsFor(count: number, idempotencyKey?: string): string[] {
  return Array.from({ length: count }, (_, i) => (idempotencyKey ? nameBasedUuid(`${idempotencyKey}#${i}`) : randomUUID()));
}
