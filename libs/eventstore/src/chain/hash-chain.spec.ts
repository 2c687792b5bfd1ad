import { canonicalJson } from './canonical-json';
import { GENESIS_HASH, eventHash, legacyEventHash } from './hash-chain';
import { ChainVerifier, type StoredEventBytes } from './verify-chain';

const ID = '3b1f6c1e-8f7a-4c55-9e43-0d2b9c8a1f00';
const data = Buffer.from(canonicalJson({ name: '德化村' }));
const metadata = Buffer.from(canonicalJson({ occurredAt: '2026-03-01T00:00:00.000Z', prevHash: GENESIS_HASH }));
const content = { prevHash: GENESIS_HASH, id: ID, streamId: 'region-222426103201', revision: 0, type: 'RegionRegistered', data, metadata };

function stored(hash: string, id = ID): StoredEventBytes {
  return { position: 1, id, streamId: 'region-222426103201', revision: 0, type: 'RegionRegistered', data, metadata, hash };
}

describe('the chain hash binds the event id', () => {
  it('given an event hashed with its id, when verified, then it holds — and a changed id breaks it', () => {
    const hash = eventHash(content);
    expect(new ChainVerifier().accept(stored(hash))).toBeUndefined();
    const renamed = new ChainVerifier().accept(stored(hash, '00000000-0000-4000-8000-000000000000'));
    expect(renamed?.reason).toMatch(/its bytes or its id were changed/);
  });

  it('given an event written before ids were hashed, when verified, then it still holds', () => {
    const hash = legacyEventHash(content);
    expect(new ChainVerifier().accept(stored(hash))).toBeUndefined();
  });

  it('given the two documents, then they differ: one hash cannot pass for the other', () => {
    expect(eventHash(content)).not.toBe(legacyEventHash(content));
  });
});
