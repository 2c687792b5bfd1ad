import { MerkleFrontier, leafHash, treeRoot } from '@bangfu/eventstore';
import { createHash } from 'node:crypto';
import { recordedEvent } from '@bangfu/testing';
import { applyBatch } from '../runner/apply-batch';
import { ReadStore } from '../store/read-store';
import { ViewMerkleNodes, merkleProjection } from './merkle.projection';

const event = (position: number) =>
  recordedEvent(position, {
    type: 'VisitRecorded',
    streamId: `household-${position % 7}`,
    revision: Math.floor(position / 7),
    metadata: { hash: createHash('sha256').update(String(position)).digest('hex') },
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
