import { createHash } from 'node:crypto';
import { inclusionSteps } from './inclusion-steps';

/**
 * RFC 6962 Merkle tree hashing (as in Certificate Transparency): leaves and interior nodes are hashed with
 * distinct prefixes, so a leaf can never be passed off as a node. The log's leaves are the events' chain
 * hashes in log order; a signed root over the first n of them proves that none of those n events was
 * changed, removed or reordered since.
 */
export function leafHash(eventHash: string): Buffer {
  return createHash('sha256')
    .update(Buffer.from([0]))
    .update(Buffer.from(eventHash, 'hex'))
    .digest();
}

export function nodeHash(left: Buffer, right: Buffer): Buffer {
  return createHash('sha256')
    .update(Buffer.from([1]))
    .update(left)
    .update(right)
    .digest();
}

/** The largest power of two smaller than n (n ≥ 2). */
function split(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/**
 * Where the tree's hashes come from: `perfect(level, index)` is the root of the aligned complete subtree
 * of 2^level leaves starting at leaf index·2^level (level 0 = the leaf hash). Every subtree the RFC 6962
 * recursion needs is either such a perfect subtree or built from them, so a proof costs O(log² n) reads.
 */
export interface MerkleNodes {
  perfect(level: number, index: number): Buffer;
}

/** MTH of the `size` leaves starting at `start` (start is a multiple of the largest power of two ≤ size). */
export function subtreeHash(nodes: MerkleNodes, start: number, size: number): Buffer {
  if ((size & (size - 1)) === 0) return nodes.perfect(Math.log2(size), start / size);
  const k = split(size);
  return nodeHash(subtreeHash(nodes, start, k), subtreeHash(nodes, start + k, size - k));
}

export function treeRoot(nodes: MerkleNodes, size: number): Buffer {
  if (size === 0) return createHash('sha256').digest();
  return subtreeHash(nodes, 0, size);
}

/** The audit path of leaf `index` in the tree of the first `size` leaves (RFC 6962 §2.1.1), leaf-side first. */
export function inclusionPath(nodes: MerkleNodes, index: number, size: number, start = 0): Buffer[] {
  if (size <= 1) return [];
  const k = split(size);
  return index < k
    ? [...inclusionPath(nodes, index, k, start), subtreeHash(nodes, start + k, size - k)]
    : [...inclusionPath(nodes, index - k, size - k, start + k), subtreeHash(nodes, start, k)];
}

/** RFC 9162 §2.1.3.2: does `path` prove that `leaf` is leaf `index` of the tree of `size` leaves with `root`? */
export function verifyInclusion(leaf: Buffer, index: number, size: number, path: readonly Buffer[], root: Buffer): boolean {
  const steps = inclusionSteps(index, size, path.length);
  if (!steps) return false;
  return steps.reduce((r, side, i) => (side === 'left' ? nodeHash(path[i], r) : nodeHash(r, path[i])), leaf).equals(root);
}

/**
 * The tree's right frontier: the roots of its perfect subtrees, largest first — at most log₂ n hashes. Enough
 * to compute the root of a log streamed once (the CLI's checkpoint) in constant memory.
 */
export class MerkleFrontier {
  private readonly roots: { level: number; hash: Buffer }[] = [];
  size = 0;

  append(leaf: Buffer): void {
    let node = { level: 0, hash: leaf };
    while (this.roots.length > 0 && this.roots[this.roots.length - 1].level === node.level) {
      const left = this.roots.pop() as { level: number; hash: Buffer };
      node = { level: node.level + 1, hash: nodeHash(left.hash, node.hash) };
    }
    this.roots.push(node);
    this.size++;
  }

  /** RFC 6962's root: the perfect subtrees folded from the right, H(P1, H(P2, … Pk)). */
  root(): Buffer {
    if (this.roots.length === 0) return createHash('sha256').digest();
    return this.roots.slice(0, -1).reduceRight((right, left) => nodeHash(left.hash, right), this.roots[this.roots.length - 1].hash);
  }
}
