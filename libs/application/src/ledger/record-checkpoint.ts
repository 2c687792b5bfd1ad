import { CHECKPOINT_STREAM, checkpointDecider, type CheckpointRecord } from '@bangfu/domain';
import { handleCommand, loadState, signCheckpoint, type AppendResult, type CommandMetadata, type EventStore } from '@bangfu/eventstore';
import type { CheckpointKey } from './checkpoint-key';

/**
 * Signs the tree head of the first `treeSize` events and records it in the log (`ledger-checkpoints`).
 * The same head again records nothing and answers the checkpoint already signed.
 */
export async function recordCheckpoint(
  store: EventStore,
  key: CheckpointKey,
  head: { treeSize: number; root: Buffer; lastPosition: number },
  metadata: CommandMetadata,
  reason: string,
): Promise<{ checkpoint: CheckpointRecord; result: AppendResult }> {
  const signed = signCheckpoint(
    { treeSize: head.treeSize, root: head.root.toString('hex'), lastPosition: head.lastPosition, signedAt: metadata.now.toISOString() },
    key.privateKey,
  );
  const result = await handleCommand(
    store,
    CHECKPOINT_STREAM,
    checkpointDecider,
    { type: 'RecordCheckpoint', data: { ...signed, reason } },
    metadata,
  );
  const checkpoint =
    result.eventIds.length > 0 && !result.duplicate ? signed : (await loadState(store, CHECKPOINT_STREAM, checkpointDecider)).last;
  return { checkpoint: checkpoint ?? signed, result };
}

export async function listCheckpoints(store: EventStore): Promise<CheckpointRecord[]> {
  return (await store.readStream(CHECKPOINT_STREAM)).map((event) => event.data as CheckpointRecord);
}
