import { createHash, verify, type KeyObject } from 'node:crypto';
import type { RecordedEvent } from '../event-store.port';
import { keyIdOf, type SignedCheckpoint } from './checkpoint';
import { checkDossier, type DOSSIER_FORMAT, type DossierCrypto, type DossierFinding } from './dossier-check';

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
  /** Each finding in words, for the CLI's reader. */
  problems: string[];
  /** The same findings by stable code, as the console's offline page reports them. */
  findings: DossierFinding[];
}

/** The node side of checkDossier: SHA-256 and Ed25519 from node's crypto, with the key given. */
function nodeCrypto(publicKey: KeyObject): DossierCrypto {
  return {
    keyId: keyIdOf(publicKey),
    sha256: async (data) => createHash('sha256').update(data).digest(),
    verify: async (data, signature) => verify(null, data, publicKey, signature),
  };
}

const eventName = ({ event }: DossierFinding) =>
  event ? `event ${event.id} (${event.type}, stream ${event.streamId} revision ${event.revision}, leaf ${event.leafIndex})` : '';

/** What each finding says in the CLI's words. */
function problemOf(finding: DossierFinding, checkpoint: { treeSize: number }): string {
  const name = eventName(finding);
  switch (finding.code) {
    case 'NOT_A_DOSSIER':
      return `not a bangfu dossier (format ${String(finding.detail?.format)})`;
    case 'KEY_MISMATCH':
      return `the checkpoint names key ${String(finding.detail?.named)}, but the key given is ${String(finding.detail?.given)}`;
    case 'CHECKPOINT_SIGNATURE':
      return 'the checkpoint signature does not verify with this key';
    case 'MANIFEST_SIGNATURE':
      return 'the manifest signature does not verify with this key: the manifest was changed or signed with another key';
    case 'MANIFEST_CHECKPOINT':
      return 'the manifest names another checkpoint than the one in the dossier';
    case 'EVENT_CHANGED':
      return `${name}: its content does not match its hash — it was changed`;
    case 'NOT_IN_TREE':
      return `${name}: not proven to be in the checkpoint's tree of ${checkpoint.treeSize} events`;
    case 'NOT_LISTED':
      return `${name}: not listed in the signed manifest`;
    case 'LISTED_HASH_DIFFERS':
      return `${name}: the signed manifest lists another hash for this leaf`;
    case 'LISTED_ID_DIFFERS':
      return `${name}: the signed manifest lists this leaf as event ${String(finding.detail?.listed)}`;
    case 'LISTED_POSITION_DIFFERS':
      return `${name}: its position ${finding.event?.position} is not the ${String(finding.detail?.listed)} the signed manifest lists`;
    case 'EVENT_MISSING':
      return `the event at leaf ${finding.leafIndex} (hash ${String(finding.hash).slice(0, 16)}…) is listed in the signed manifest but missing`;
  }
}

/**
 * Checks a dossier with nothing but the public key (see checkDossier, which the console's offline page runs
 * with WebCrypto): each problem names what is wrong.
 */
export async function verifyDossier(dossier: Dossier, publicKey: KeyObject): Promise<DossierReport> {
  const verdict = await checkDossier(dossier, nodeCrypto(publicKey));
  const checkpoint = dossier?.checkpoint ?? { treeSize: 0 };
  return { ...verdict, problems: verdict.findings.map((finding) => problemOf(finding, checkpoint)) };
}
