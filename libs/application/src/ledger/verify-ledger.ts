import type { KeyObject } from 'node:crypto';
import type { EventStore, SignedCheckpoint, VerifyReport } from '@bangfu/eventstore';
import { listCheckpoints } from './record-checkpoint';

/**
 * The whole check of the log: every chain, the stored columns, continuity, and every signed checkpoint the
 * log records — plus any a reviewer holds outside it (`held`), which is what catches a rollback or a fork
 * that took the log's own checkpoints with it.
 */
export async function verifyLedger(
  store: EventStore,
  publicKey: KeyObject | undefined,
  held: readonly SignedCheckpoint[] = [],
): Promise<VerifyReport> {
  const recorded = await listCheckpoints(store);
  return store.verify({ checkpoints: [...recorded, ...held], publicKey });
}
