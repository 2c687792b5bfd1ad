import type { SignedCheckpoint } from '@bangfu/eventstore';

export const CHECKPOINT_EXPORT_FORMAT = 'bangfu-checkpoint/1';

/** A signed checkpoint as a reviewer keeps it outside the log, with the public key that verifies it. */
export interface CheckpointExport {
  format: typeof CHECKPOINT_EXPORT_FORMAT;
  checkpoint: SignedCheckpoint;
  publicKey: string;
}

export function exportCheckpoint(checkpoint: SignedCheckpoint, publicKeyPem: string): CheckpointExport {
  const { treeSize, root, lastPosition, signedAt, keyId, signature } = checkpoint;
  return {
    format: CHECKPOINT_EXPORT_FORMAT,
    checkpoint: { treeSize, root, lastPosition, signedAt, keyId, signature },
    publicKey: publicKeyPem,
  };
}

/** Reads an exported checkpoint; throws with what is wrong, naming the field. */
export function parseCheckpointExport(text: string): CheckpointExport {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error('not JSON');
  }
  const doc = value as Partial<CheckpointExport> | null;
  if (doc?.format !== CHECKPOINT_EXPORT_FORMAT) throw new Error(`not a bangfu checkpoint (format ${String(doc?.format)})`);
  const c = (doc.checkpoint ?? {}) as Record<string, unknown>;
  const integer = (name: string) => Number.isSafeInteger(c[name]) && (c[name] as number) >= 0;
  const text64 = (name: string, pattern: RegExp) => typeof c[name] === 'string' && pattern.test(c[name] as string);
  const bad = [
    integer('treeSize') ? null : 'treeSize',
    integer('lastPosition') ? null : 'lastPosition',
    text64('root', /^[0-9a-f]{64}$/) ? null : 'root',
    text64('keyId', /^[0-9a-f]{16}$/) ? null : 'keyId',
    text64('signature', /^[A-Za-z0-9+/=]+$/) ? null : 'signature',
    typeof c.signedAt === 'string' ? null : 'signedAt',
    typeof doc.publicKey === 'string' ? null : 'publicKey',
  ].filter(Boolean);
  if (bad.length > 0) throw new Error(`its ${bad.join(', ')} ${bad.length > 1 ? 'are' : 'is'} missing or malformed`);
  return doc as CheckpointExport;
}
