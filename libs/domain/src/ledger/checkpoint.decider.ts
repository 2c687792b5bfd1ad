import { assertNever, type Decider } from '../shared/decider';
import { DomainError } from '../shared/domain-error';

/** A signed Merkle tree head over the first `treeSize` events (signed outside the decider, which stays pure). */
export interface CheckpointRecord {
  treeSize: number;
  root: string;
  lastPosition: number;
  signedAt: string;
  keyId: string;
  signature: string;
  /** Why it was signed now (not part of what is signed). */
  reason?: string;
}

export type CheckpointCommand = { type: 'RecordCheckpoint'; data: CheckpointRecord };
export type CheckpointEvent = { type: 'CheckpointSigned'; data: CheckpointRecord };
export interface CheckpointState {
  last: CheckpointRecord | null;
}

export const CHECKPOINT_STREAM = 'ledger-checkpoints';

export class CheckpointBehindError extends DomainError {
  readonly code = 'CHECKPOINT_BEHIND';
}
export class CheckpointConflictError extends DomainError {
  readonly code = 'CHECKPOINT_CONFLICT';
}

/**
 * The log's signed checkpoints, in order. A checkpoint never covers fewer events than the one before; one
 * over the same events must have the same root — a different root would mean the log itself changed.
 */
export const checkpointDecider: Decider<CheckpointCommand, CheckpointEvent, CheckpointState> = {
  initialState: () => ({ last: null }),
  evolve(_state, event) {
    switch (event.type) {
      case 'CheckpointSigned':
        return { last: event.data };
      default:
        return assertNever(event.type);
    }
  },
  decide(command, { last }) {
    switch (command.type) {
      case 'RecordCheckpoint': {
        const next = command.data;
        if (last && next.treeSize < last.treeSize) {
          throw new CheckpointBehindError(`checkpoint of ${next.treeSize} events is behind the last one (${last.treeSize})`);
        }
        if (last && next.treeSize === last.treeSize) {
          if (next.root !== last.root) {
            throw new CheckpointConflictError(
              `the first ${next.treeSize} events now hash to ${next.root}, not ${last.root}: the log was altered`,
            );
          }
          return [];
        }
        return [{ type: 'CheckpointSigned', data: next }];
      }
      default:
        return assertNever(command.type);
    }
  },
};
