import { canonicalJson } from './canonical-json';
import { inclusionSteps } from './inclusion-steps';

/**
 * A dossier's check with nothing but the public key and a crypto provider: node's crypto for the CLI, WebCrypto
 * for the console's offline page. No node module is imported here, so the browser bundles this file as it is,
 * and both verdicts come from the same code. Each finding is a stable code naming the event or signature.
 */
// /2: the manifest binds each event's id and log position too (under /1 either could be changed unnoticed).
export const DOSSIER_FORMAT = 'bangfu-dossier/2';

export interface DossierCrypto {
  sha256(data: Uint8Array): Promise<Uint8Array>;
  /** Ed25519 with the public key given. */
  verify(data: Uint8Array, signature: Uint8Array): Promise<boolean>;
  /** First 16 hex digits of the SHA-256 of the public key (SPKI DER). */
  keyId: string;
}

export type DossierFindingCode =
  | 'NOT_A_DOSSIER'
  | 'KEY_MISMATCH'
  | 'CHECKPOINT_SIGNATURE'
  | 'MANIFEST_SIGNATURE'
  | 'MANIFEST_CHECKPOINT'
  | 'EVENT_CHANGED'
  | 'NOT_IN_TREE'
  | 'NOT_LISTED'
  | 'LISTED_HASH_DIFFERS'
  | 'LISTED_ID_DIFFERS'
  | 'LISTED_POSITION_DIFFERS'
  | 'EVENT_MISSING';

export interface DossierFinding {
  code: DossierFindingCode;
  /** The event concerned: its id, type, stream, revision and leaf, as the dossier gives them. */
  event?: { id: string; type: string; streamId: string; revision: number; leafIndex: number; position: number };
  /** For EVENT_MISSING: the leaf and hash the signed manifest lists. */
  leafIndex?: number;
  hash?: string;
  /** What the finding compares (the key named and given, the other value listed). */
  detail?: Record<string, string | number>;
}

export interface DossierVerdict {
  ok: boolean;
  events: number;
  findings: DossierFinding[];
}

interface Envelope {
  id: string;
  streamId: string;
  revision: number;
  position: number;
  type: string;
  data: unknown;
  metadata: { prevHash: string; hash?: string } & Record<string, unknown>;
}

interface DossierShape {
  format: string;
  checkpoint: { treeSize: number; root: string; lastPosition: number; signedAt: string; keyId: string; signature: string };
  manifest: { checkpoint: { treeSize: number; root: string }; events: [number, string, string, number][] } & Record<string, unknown>;
  manifestSignature: string;
  events: { leafIndex: number; proof: string[]; event: Envelope }[];
}

const utf8 = (text: string) => new TextEncoder().encode(text);

function hexBytes(hex: string): Uint8Array | null {
  if (!/^([0-9a-f]{2})*$/.test(hex)) return null;
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return bytes;
}

function base64Bytes(text: string): Uint8Array | null {
  try {
    return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
}

const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
};
const equal = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((byte, i) => byte === b[i]);

/** The chain hash documents of an event: id-bound, and the form written before ids were bound (see hash-chain.ts). */
function hashDocuments(event: Envelope): string[] {
  const { hash: _hash, ...metadata } = event.metadata;
  const tail = `,"metadata":${canonicalJson(metadata)},"revision":${event.revision},"stream":${JSON.stringify(event.streamId)},"type":${JSON.stringify(event.type)}}`;
  const head = `${metadata.prevHash}{"data":${canonicalJson(event.data)}`;
  return [`${head},"id":${JSON.stringify(event.id)}${tail}`, `${head}${tail}`];
}

async function signed(crypto: DossierCrypto, document: unknown, signature: string): Promise<boolean> {
  const bytes = base64Bytes(signature);
  if (!bytes || bytes.length !== 64) return false;
  try {
    return await crypto.verify(utf8(canonicalJson(document)), bytes);
  } catch {
    return false;
  }
}

/**
 * Checks the checkpoint's signature, the manifest's signature, each event's content against its chain hash, each
 * event's inclusion in the checkpoint's tree (RFC 6962), and that the events are exactly those the manifest lists.
 */
export async function checkDossier(input: unknown, crypto: DossierCrypto): Promise<DossierVerdict> {
  const dossier = input as DossierShape;
  if (dossier?.format !== DOSSIER_FORMAT || !dossier.checkpoint || !dossier.manifest || !Array.isArray(dossier.events)) {
    return { ok: false, events: 0, findings: [{ code: 'NOT_A_DOSSIER', detail: { format: String(dossier?.format) } }] };
  }
  const findings: DossierFinding[] = [];
  const { checkpoint, manifest } = dossier;
  if (checkpoint.keyId !== crypto.keyId) findings.push({ code: 'KEY_MISMATCH', detail: { named: checkpoint.keyId, given: crypto.keyId } });
  const { treeSize, root, lastPosition, signedAt } = checkpoint;
  if (!(await signed(crypto, { format: 'bangfu-checkpoint/1', treeSize, root, lastPosition, signedAt }, checkpoint.signature))) {
    findings.push({ code: 'CHECKPOINT_SIGNATURE' });
  }
  if (!(await signed(crypto, manifest, dossier.manifestSignature))) findings.push({ code: 'MANIFEST_SIGNATURE' });
  if (manifest.checkpoint?.treeSize !== checkpoint.treeSize || manifest.checkpoint?.root !== checkpoint.root) {
    findings.push({ code: 'MANIFEST_CHECKPOINT' });
  }
  const rootBytes = hexBytes(checkpoint.root) ?? new Uint8Array();
  const listed = new Map((manifest.events ?? []).map(([leafIndex, hash, id, position]) => [leafIndex, { hash, id, position }]));
  const seen = new Set<number>();
  for (const entry of dossier.events) {
    const { event } = entry;
    const named = {
      id: event.id,
      type: event.type,
      streamId: event.streamId,
      revision: event.revision,
      leafIndex: entry.leafIndex,
      position: event.position,
    };
    const hash = String(event.metadata?.hash);
    const digests = await Promise.all(hashDocuments(event).map(async (doc) => hex(await crypto.sha256(utf8(doc)))));
    if (!digests.includes(hash)) findings.push({ code: 'EVENT_CHANGED', event: named });
    if (!(await included(crypto, hash, entry.leafIndex, checkpoint.treeSize, entry.proof, rootBytes))) {
      findings.push({ code: 'NOT_IN_TREE', event: named });
    }
    const signedEntry = listed.get(entry.leafIndex);
    if (!signedEntry) findings.push({ code: 'NOT_LISTED', event: named });
    else {
      if (signedEntry.hash !== hash) findings.push({ code: 'LISTED_HASH_DIFFERS', event: named });
      if (signedEntry.id !== event.id) findings.push({ code: 'LISTED_ID_DIFFERS', event: named, detail: { listed: signedEntry.id } });
      if (signedEntry.position !== event.position) {
        findings.push({ code: 'LISTED_POSITION_DIFFERS', event: named, detail: { listed: signedEntry.position } });
      }
    }
    seen.add(entry.leafIndex);
  }
  for (const [leafIndex, { hash }] of listed) {
    if (!seen.has(leafIndex)) findings.push({ code: 'EVENT_MISSING', leafIndex, hash });
  }
  return { ok: findings.length === 0, events: dossier.events.length, findings };
}

async function included(crypto: DossierCrypto, hash: string, index: number, size: number, proof: string[], root: Uint8Array) {
  const leaf = /^[0-9a-f]{64}$/.test(hash) ? hexBytes(hash) : null;
  const path = Array.isArray(proof)
    ? proof.map((node) => (typeof node === 'string' && /^[0-9a-f]{64}$/.test(node) ? hexBytes(node) : null))
    : [];
  const steps = inclusionSteps(index, size, path.length);
  if (!leaf || !steps || path.some((node) => node === null)) return false;
  let r = await crypto.sha256(concat(new Uint8Array([0]), leaf));
  for (const [i, side] of steps.entries()) {
    const node = path[i] as Uint8Array;
    r = await crypto.sha256(side === 'left' ? concat(new Uint8Array([1]), node, r) : concat(new Uint8Array([1]), r, node));
  }
  return equal(r, root);
}
