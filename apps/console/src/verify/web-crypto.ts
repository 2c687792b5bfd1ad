import type { DossierCrypto } from '../../../../libs/eventstore/src/chain/dossier-check';

/** The DER bytes of a PEM public key (`-----BEGIN PUBLIC KEY-----`), or null when it is not one. */
function pemBody(pem: string): Uint8Array<ArrayBuffer> | null {
  const match = /-----BEGIN PUBLIC KEY-----([\s\S]+?)-----END PUBLIC KEY-----/.exec(pem);
  if (!match) return null;
  try {
    return Uint8Array.from(atob(match[1].replace(/\s+/g, '')), (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
}

const hex = (bytes: ArrayBuffer) => Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, '0')).join('');

/** checkDossier's crypto in the browser: SHA-256 and Ed25519 from WebCrypto, with the checkpoint key the reviewer chose. */
export async function webCrypto(pem: string): Promise<DossierCrypto> {
  const der = pemBody(pem);
  if (!der) throw new Error('NOT_A_PUBLIC_KEY');
  const key = await crypto.subtle.importKey('spki', der, { name: 'Ed25519' }, false, ['verify']).catch(() => {
    throw new Error('NOT_AN_ED25519_KEY');
  });
  return {
    keyId: hex(await crypto.subtle.digest('SHA-256', der)).slice(0, 16),
    // WebCrypto takes ArrayBuffer-backed views; the check hands it plain Uint8Arrays it made itself.
    sha256: async (data) => new Uint8Array(await crypto.subtle.digest('SHA-256', data as Uint8Array<ArrayBuffer>)),
    verify: (data, signature) =>
      crypto.subtle.verify({ name: 'Ed25519' }, key, signature as Uint8Array<ArrayBuffer>, data as Uint8Array<ArrayBuffer>),
  };
}
