import type { KeyObject } from 'node:crypto';
import type { RecordedEvent } from '../event-store.port';
import { checkpointSignatureValid, documentSignatureValid, keyIdOf, type SignedCheckpoint } from './checkpoint';
import { recomputeEventHash } from './hash-chain';
import { leafHash, verifyInclusion } from './merkle';

export const DOSSIER_FORMAT = 'bangfu-dossier/1';

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
  events: [leafIndex: number, hash: string][];
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
  const listed = new Map(manifest.events.map(([leafIndex, hash]) => [leafIndex, hash]));
  const seen = new Set<number>();
  for (const entry of dossier.events) {
    const { event } = entry;
    const name = `event ${event.id} (${event.type}, stream ${event.streamId} revision ${event.revision}, leaf ${entry.leafIndex})`;
    const hash = recomputeEventHash(event);
    if (hash !== event.metadata.hash) problems.push(`${name}: its content does not match its hash — it was changed`);
    const proof = entry.proof.map((node) => Buffer.from(node, 'hex'));
    if (!verifyInclusion(leafHash(hash), entry.leafIndex, checkpoint.treeSize, proof, root)) {
      problems.push(`${name}: not proven to be in the checkpoint's tree of ${checkpoint.treeSize} events`);
    }
    if (!listed.has(entry.leafIndex)) problems.push(`${name}: not listed in the signed manifest`);
    else if (listed.get(entry.leafIndex) !== hash) problems.push(`${name}: the signed manifest lists another hash for this leaf`);
    seen.add(entry.leafIndex);
  }
  for (const [leafIndex, hash] of listed) {
    if (!seen.has(leafIndex))
      problems.push(`the event at leaf ${leafIndex} (hash ${hash.slice(0, 16)}…) is listed in the signed manifest but missing`);
  }
  return { ok: problems.length === 0, events: dossier.events.length, problems };
}
