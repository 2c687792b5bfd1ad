import type { KeyObject } from 'node:crypto';
import { checkpointSignatureValid, keyIdOf, type SignedCheckpoint } from './checkpoint';
import { MerkleFrontier, leafHash } from './merkle';
import type { ChainBreak } from './verify-chain';

/** What verify checks the log against beyond its own chains: signed tree heads and the key that signed them. */
export interface VerifyOptions {
  /** The checkpoints recorded in the log, and any a reviewer holds outside it (`verify --against`). */
  checkpoints?: readonly SignedCheckpoint[];
  /** Ed25519 public key the checkpoints must verify with. Required when there are checkpoints. */
  publicKey?: KeyObject;
}

/**
 * Checks signed checkpoints against the log in one pass over its events in log order: each checkpoint's
 * signature with the key, then, as the leaves stream by, the RFC 6962 root of the first `treeSize` events
 * against the signed root. A rewrite of events that a checkpoint covers — even with every chain hash
 * recomputed — changes that root; a log shorter than a checkpoint was rolled back. Memory: the tree's
 * frontier (log₂ n hashes) and the checkpoints.
 */
export class CheckpointChecker {
  private readonly pending: SignedCheckpoint[];
  private readonly frontier = new MerkleFrontier();
  private matched = 0;

  constructor(private readonly options: VerifyOptions) {
    this.pending = [...(options.checkpoints ?? [])].sort((a, b) => b.treeSize - a.treeSize); // smallest last
  }

  /** A checkpoint whose signature fails, before any event is read. */
  signatures(): ChainBreak | undefined {
    const { publicKey } = this.options;
    for (const checkpoint of this.pending) {
      if (!publicKey) return broken(checkpoint, 'no public key was given to check its signature');
      if (checkpoint.keyId !== keyIdOf(publicKey)) {
        return broken(checkpoint, `it was signed with key ${checkpoint.keyId}, not the checkpoint key given (${keyIdOf(publicKey)})`);
      }
      if (!checkpointSignatureValid(checkpoint, publicKey)) return broken(checkpoint, 'its signature does not verify: it was altered');
    }
    return undefined;
  }

  /** The next event in log order. */
  accept(hash: string, position: number): ChainBreak | undefined {
    if (this.pending.length === 0) return undefined;
    this.frontier.append(leafHash(hash));
    for (let next = this.pending.at(-1); next && next.treeSize === this.frontier.size; next = this.pending.at(-1)) {
      this.pending.pop();
      const root = this.frontier.root().toString('hex');
      if (root !== next.root) {
        return broken(
          next,
          `the first ${next.treeSize} events of the log have root ${root}, not the signed ${next.root}: ` +
            'an event they cover was changed, removed, inserted or reordered (a fork)',
          position,
        );
      }
      if (next.lastPosition !== position) {
        return broken(next, `its last event is at position ${position}, not the signed ${next.lastPosition}`, position);
      }
      this.matched++;
    }
    return undefined;
  }

  /** After the last event: a checkpoint over more events than the log holds means the log was cut back. */
  finish(): ChainBreak | undefined {
    const beyond = this.pending[0];
    if (!beyond) return undefined;
    return broken(
      beyond,
      `it covers ${beyond.treeSize} events but the log holds ${this.frontier.size}: the log was rolled back`,
      beyond.lastPosition,
    );
  }

  /** How many checkpoints matched the log. */
  get checked(): number {
    return this.matched;
  }
}

function broken(checkpoint: SignedCheckpoint, why: string, position = checkpoint.lastPosition): ChainBreak {
  return {
    position,
    reason: `checkpoint of ${checkpoint.treeSize} events signed ${checkpoint.signedAt}: ${why}`,
    checkpoint: { treeSize: checkpoint.treeSize, signedAt: checkpoint.signedAt },
  };
}
