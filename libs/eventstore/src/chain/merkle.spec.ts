import { createHash } from 'node:crypto';
import { MerkleFrontier, inclusionPath, leafHash, nodeHash, treeRoot, verifyInclusion, type MerkleNodes } from './merkle';

/** Every perfect subtree kept in memory as leaves arrive: the tree the view keeps, without SQLite. */
class InMemoryMerkleNodes implements MerkleNodes {
  private readonly levels: Buffer[][] = [[]];

  get size(): number {
    return this.levels[0].length;
  }

  append(leaf: Buffer): void {
    this.levels[0].push(leaf);
    let index = this.levels[0].length - 1;
    for (let level = 0; index % 2 === 1; level++, index = Math.floor(index / 2)) {
      const row = this.levels[level];
      (this.levels[level + 1] ??= []).push(nodeHash(row[index - 1], row[index]));
    }
  }

  perfect(level: number, index: number): Buffer {
    const node = this.levels[level]?.[index];
    if (!node) throw new Error(`no complete subtree at level ${level}, index ${index}`);
    return node;
  }
}

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

/** The RFC 6962 definition, written out directly: the reference the node-based tree must agree with. */
function referenceRoot(leaves: Buffer[]): Buffer {
  if (leaves.length === 1) return leaves[0];
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return nodeHash(referenceRoot(leaves.slice(0, k)), referenceRoot(leaves.slice(k)));
}

describe('RFC 6962 Merkle tree', () => {
  const leaves = Array.from({ length: 37 }, (_, i) => leafHash(sha(`event ${i}`)));
  const nodes = new InMemoryMerkleNodes();
  leaves.forEach((leaf) => nodes.append(leaf));

  it('computes the same root as the recursive definition for every size', () => {
    for (let size = 1; size <= leaves.length; size++) expect(treeRoot(nodes, size).equals(referenceRoot(leaves.slice(0, size)))).toBe(true);
  });

  it('proves every leaf of every tree size, and nothing else', () => {
    for (let size = 1; size <= leaves.length; size++) {
      const root = treeRoot(nodes, size);
      for (let index = 0; index < size; index++) {
        const path = inclusionPath(nodes, index, size);
        expect(verifyInclusion(leaves[index], index, size, path, root)).toBe(true);
        // Another leaf, another index or another root must fail.
        expect(verifyInclusion(leaves[(index + 1) % leaves.length], index, size, path, root)).toBe(size === 1 && leaves.length === 1);
        if (size > 1) expect(verifyInclusion(leaves[index], (index + 1) % size, size, path, root)).toBe(false);
        expect(verifyInclusion(leaves[index], index, size, path, treeRoot(nodes, Math.max(1, size - 1)))).toBe(size === 1);
      }
    }
  });

  it('computes the same root from the frontier alone, keeping at most log₂ n hashes', () => {
    const frontier = new MerkleFrontier();
    for (const [i, leaf] of leaves.entries()) {
      frontier.append(leaf);
      expect(frontier.root().equals(referenceRoot(leaves.slice(0, i + 1)))).toBe(true);
    }
    expect(frontier.size).toBe(leaves.length);
  });

  it('distinguishes a leaf from a node (second-preimage resistance)', () => {
    expect(leafHash(sha('x')).equals(nodeHash(Buffer.alloc(32), Buffer.alloc(32)))).toBe(false);
  });
});
