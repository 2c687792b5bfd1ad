import { createPublicKey, type KeyObject } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { UsageError } from './args';

/** A checkpoint public key (PEM; a private key's public half will do) from a file the user named. */
export function readPublicKeyFile(path: string): KeyObject {
  if (!existsSync(path)) throw new UsageError(`no such file: ${path}`);
  try {
    return createPublicKey(readFileSync(path, 'utf8'));
  } catch {
    throw new UsageError(`${path} is not a PEM public key`);
  }
}
