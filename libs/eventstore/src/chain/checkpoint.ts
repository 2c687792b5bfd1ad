import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { canonicalJson } from './canonical-json';

/** A signed statement that the first `treeSize` events of the log have the Merkle root `root`. */
export interface SignedCheckpoint {
  treeSize: number;
  /** RFC 6962 tree head, hex. */
  root: string;
  /** Log position of the last event covered. */
  lastPosition: number;
  signedAt: string;
  /** First 16 hex digits of the SHA-256 of the public key (SPKI DER): which key to verify with. */
  keyId: string;
  /** Ed25519 over the canonical JSON of the other fields (keyId excluded), base64. */
  signature: string;
}

type CheckpointFields = Omit<SignedCheckpoint, 'signature' | 'keyId'>;

function payload({ treeSize, root, lastPosition, signedAt }: CheckpointFields): Buffer {
  return Buffer.from(canonicalJson({ format: 'bangfu-checkpoint/1', treeSize, root, lastPosition, signedAt }));
}

export function keyIdOf(key: KeyObject): string {
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex')
    .slice(0, 16);
}

export function signCheckpoint(fields: CheckpointFields, privateKey: KeyObject): SignedCheckpoint {
  return { ...fields, keyId: keyIdOf(privateKey), signature: sign(null, payload(fields), privateKey).toString('base64') };
}

export function checkpointSignatureValid(checkpoint: SignedCheckpoint, publicKey: KeyObject): boolean {
  return verifySignature(payload(checkpoint), checkpoint.signature, publicKey);
}

export function signDocument(document: unknown, privateKey: KeyObject): string {
  return sign(null, Buffer.from(canonicalJson(document)), privateKey).toString('base64');
}

export function documentSignatureValid(document: unknown, signature: string, publicKey: KeyObject): boolean {
  return verifySignature(Buffer.from(canonicalJson(document)), signature, publicKey);
}

function verifySignature(data: Buffer, signature: string, publicKey: KeyObject): boolean {
  try {
    return verify(null, data, publicKey, Buffer.from(signature, 'base64'));
  } catch {
    // A key of another type, or a signature that is not base64 of the right length, proves nothing.
    return false;
  }
}
