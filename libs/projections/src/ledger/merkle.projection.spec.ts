import { MerkleFrontier, leafHash, treeRoot, type RecordedEvent } from '@bangfu/eventstore';
import { createHash } from 'node:crypto';
import { applyBatch } from '../runner/apply-batch';
import { ReadStore } from '../store/read-store';
import { ViewMerkleNodes, merkleProjection } from './merkle.projection';

const event = (position: number): RecordedEvent => ({
  id: `00000000-0000-4000-8000-${String(position).padStart(12, '0')}`,
  type: 'VisitRecorded',
  streamId: `household-${position % 7}`,
  revision: Math.floor(position / 7),
  position,
  data: {},
  metadata: {
    actor: { id: 'a', roles: ['cadre'] },
    occurredAt: '2026-01-01T00:00:00.000Z',
    correlationId: 'c',
    recordedAt: '2026-01-01T00:00:00.000Z',
    schemaVersion: 1,
    prevHash: '0'.repeat(64),
    hash: createHash('sha256').update(String(position)).digest('hex'),
  },
});

describe('merkle view', () => {
  it('holds the RFC 6962 root of every prefix, fed in batches of any size (each batch a new writer)', () => {
    const views = new ReadStore(':memory:');
    views.createGeneration(merkleProjection, 1);
    views.switchViews(merkleProjection, 1);
    views.saveState({ name: merkleProjection.name, version: merkleProjection.version, generation: 1, position: 0, eventHash: null });
    const frontier = new MerkleFrontier();
    const nodes = new ViewMerkleNodes(views);
    let position = 0;
    // Batch sizes that cross every power-of-two boundary up to 64 leaves in different places.
    for (const size of [1, 1, 2, 3, 1, 5, 8, 13, 1, 21, 7]) {
      const batch = Array.from({ length: size }, () => event(++position));
      expect(applyBatch(views, [merkleProjection], batch, position - size)).toBe(true);
      for (const e of batch) frontier.append(leafHash(e.metadata.hash));
      expect(nodes.size()).toBe(position);
      expect(treeRoot(nodes, position).equals(frontier.root())).toBe(true);
    }
    views.close();
  });
});
