import type { KeyObject } from 'node:crypto';
import type { RecordedEvent } from '../event-store.port';
import { checkpointSignatureValid, documentSignatureValid, keyIdOf, type SignedCheckpoint } from './checkpoint';
import { envelopeMatchesHash } from './hash-chain';
import { leafHash, verifyInclusion } from './merkle';

// /2: the manifest binds each event's id and log position too (under /1 either could be changed unnoticed).
export const DOSSIER_FORMAT = 'bangfu-dossier/2';

export interface DossierEntry {
  leafIndex: number;
  /** RFC 6962 audit path, leaf side first, hex. */
  proof: string[];
  event: RecordedEvent;
}

/** What the export signs: the subject, the period, the checkpoint, and each event's leaf and hash. */
export interface DossierManifest {
  format: typeof DOSSIER_FORMAT;
  subject: { kind: string; id: string };
  period: { from: string | null; to: string | null };
  exportedAt: string;
  exportedBy: string;
  checkpoint: { treeSize: number; root: string };
  /** Events about the subject newer than the checkpoint: left out until a newer checkpoint is signed. */
  notYetCheckpointed: number;
  events: [leafIndex: number, hash: string, id: string, position: number][];
}

/** Every event about one subject in a period, each with its proof against one signed checkpoint. */
export interface Dossier {
  format: typeof DOSSIER_FORMAT;
  checkpoint: SignedCheckpoint;
  manifest: DossierManifest;
  /** Ed25519 with the checkpoint key over the manifest's canonical JSON. */
  manifestSignature: string;
  events: DossierEntry[];
}

export interface DossierReport {
  ok: boolean;
  events: number;
  problems: string[];
}

/**
 * Checks a dossier with nothing but the public key: the checkpoint's signature, the manifest's signature,
 * each event's content against its chain hash, each event's inclusion in the checkpoint's tree, and that
 * the events are exactly those the signed manifest lists. Each problem names what is wrong.
 */
export function verifyDossier(dossier: Dossier, publicKey: KeyObject): DossierReport {
  if (dossier?.format !== DOSSIER_FORMAT)
    return { ok: false, events: 0, problems: [`not a bangfu dossier (format ${String(dossier?.format)})`] };
  const problems: string[] = [];
  const { checkpoint, manifest } = dossier;
  if (checkpoint.keyId !== keyIdOf(publicKey)) {
    problems.push(`the checkpoint names key ${checkpoint.keyId}, but the key given is ${keyIdOf(publicKey)}`);
  }
  if (!checkpointSignatureValid(checkpoint, publicKey)) problems.push('the checkpoint signature does not verify with this key');
  if (!documentSignatureValid(manifest, dossier.manifestSignature, publicKey)) {
    problems.push('the manifest signature does not verify with this key: the manifest was changed or signed with another key');
  }
  if (manifest.checkpoint.treeSize !== checkpoint.treeSize || manifest.checkpoint.root !== checkpoint.root) {
    problems.push('the manifest names another checkpoint than the one in the dossier');
  }
  const root = Buffer.from(checkpoint.root, 'hex');
  const listed = new Map(manifest.events.map(([leafIndex, hash, id, position]) => [leafIndex, { hash, id, position }]));
  const seen = new Set<number>();
  for (const entry of dossier.events) {
    const { event } = entry;
    const name = `event ${event.id} (${event.type}, stream ${event.streamId} revision ${event.revision}, leaf ${entry.leafIndex})`;
    const hash = String(event.metadata.hash);
    if (!envelopeMatchesHash(event)) problems.push(`${name}: its content does not match its hash — it was changed`);
    const proof = entry.proof.map((node) => Buffer.from(node, 'hex'));
    if (!/^[0-9a-f]{64}$/.test(hash) || !verifyInclusion(leafHash(hash), entry.leafIndex, checkpoint.treeSize, proof, root)) {
      problems.push(`${name}: not proven to be in the checkpoint's tree of ${checkpoint.treeSize} events`);
    }
    const signed = listed.get(entry.leafIndex);
    if (!signed) problems.push(`${name}: not listed in the signed manifest`);
    else {
      if (signed.hash !== hash) problems.push(`${name}: the signed manifest lists another hash for this leaf`);
      if (signed.id !== event.id) problems.push(`${name}: the signed manifest lists this leaf as event ${signed.id}`);
      if (signed.position !== event.position) {
        problems.push(`${name}: its position ${event.position} is not the ${signed.position} the signed manifest lists`);
      }
    }
    seen.add(entry.leafIndex);
  }
  for (const [leafIndex, { hash }] of listed) {
    if (!seen.has(leafIndex))
      problems.push(`the event at leaf ${leafIndex} (hash ${hash.slice(0, 16)}…) is listed in the signed manifest but missing`);
  }
  return { ok: problems.length === 0, events: dossier.events.length, problems };
}
