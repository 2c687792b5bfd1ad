import { specFor } from '@bangfu/testing';
import { checkpointDecider, type CheckpointCommand, type CheckpointEvent, type CheckpointRecord } from './checkpoint.decider';

const spec = specFor(checkpointDecider);
const head = (treeSize: number, root: string): CheckpointRecord => ({
  treeSize,
  root,
  lastPosition: treeSize,
  signedAt: '2026-01-15T02:00:00.000Z',
  keyId: 'k1',
  signature: 'sig',
});
const record = (treeSize: number, root: string): CheckpointCommand => ({ type: 'RecordCheckpoint', data: head(treeSize, root) });
const signed = (treeSize: number, root: string): CheckpointEvent => ({ type: 'CheckpointSigned', data: head(treeSize, root) });

describe('checkpoint decider', () => {
  it('records a signed tree head, and a later one over more events', () => {
    spec
      .given([])
      .when(record(100, 'r100'))
      .then([signed(100, 'r100')]);
    spec
      .given([signed(100, 'r100')])
      .when(record(150, 'r150'))
      .then([signed(150, 'r150')]);
  });

  it('records nothing for the same head again', () => {
    spec
      .given([signed(100, 'r100')])
      .when(record(100, 'r100'))
      .then([]);
  });

  it('refuses a head behind the last one, and the same size with another root: the log was altered', () => {
    spec
      .given([signed(100, 'r100')])
      .when(record(90, 'r90'))
      .then({ code: 'CHECKPOINT_BEHIND' });
    spec
      .given([signed(100, 'r100')])
      .when(record(100, 'other'))
      .then({ code: 'CHECKPOINT_CONFLICT' });
  });
});
