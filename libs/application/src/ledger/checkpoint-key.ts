import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { join } from 'node:path';
import { readPem } from '../auth/jwt';

export interface CheckpointKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** SPKI PEM: what a reviewer is given to verify checkpoints and dossiers offline. */
  publicKeyPem: string;
}

/** The data dir's own checkpoint key file, used when BANGFU_CHECKPOINT_KEY is not set. */
export function defaultCheckpointKeyFile(dataDir: string): string {
  return join(dataDir, 'checkpoint-ed25519.pem');
}

/**
 * The public half of the checkpoint key, for checking only: configured, or the data dir's file when it
 * exists. Never creates a key — a verify that made one would accept nothing signed before.
 */
export function readCheckpointPublicKey(dataDir: string, configured?: string): KeyObject | undefined {
  const file = defaultCheckpointKeyFile(dataDir);
  if (!configured && !existsSync(file)) return undefined;
  return createPublicKey(configured ? readPem(configured) : readFileSync(file, 'utf8'));
}

/**
 * The Ed25519 key that signs checkpoints and dossiers: `BANGFU_CHECKPOINT_KEY` (PEM or a file), else
 * `checkpoint-ed25519.pem` in the data dir, created on first use with mode 0600 and never committed.
 */
export function loadCheckpointKey(dataDir: string, configured?: string): CheckpointKey {
  let pem: string;
  if (configured) pem = readPem(configured);
  else {
    const file = defaultCheckpointKeyFile(dataDir);
    if (!existsSync(file)) {
      mkdirSync(dataDir, { recursive: true });
      const { privateKey } = generateKeyPairSync('ed25519');
      writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
      chmodSync(file, 0o600);
    }
    pem = readFileSync(file, 'utf8');
  }
  const privateKey = createPrivateKey(pem);
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error('the checkpoint key must be an Ed25519 private key');
  const publicKey = createPublicKey(privateKey);
  return { privateKey, publicKey, publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString() };
}
