import { createPublicKey, verify, type JsonWebKey, type KeyObject } from 'node:crypto';
import { actorClaims } from './actor-claims';
import { InvalidTokenError, hmacMatches, readPem, type TokenClaims } from '@bangfu/application';

export interface TokenVerifierOptions {
  /** HS256 shared secret (bangfu's own tokens). */
  secret?: string;
  /** Ed25519 public key, PEM or path (EdDSA tokens from a key pair the operator holds). */
  publicKey?: string;
  /** An external identity provider: its JWKS document, and the issuer and audience its tokens must name. */
  jwksUrl?: string;
  issuer?: string;
  audience?: string;
  /** Claim names in the provider's tokens. */
  rolesClaim?: string;
  regionClaim?: string;
  unitClaim?: string;
  nameClaim?: string;
  now?: () => Date;
}

interface Jwk extends JsonWebKey {
  kid?: string;
  alg?: string;
  use?: string;
}

const JWKS_REFRESH_MS = 30_000;

/**
 * Verifies bearer tokens: HS256 (bangfu's own), EdDSA with a configured Ed25519 key, and RS256, ES256 or
 * EdDSA from an external provider's JWKS (keys cached, refreshed when an unknown kid appears). Any other
 * algorithm — "none" included — is refused.
 */
export class TokenVerifier {
  private jwks = new Map<string, KeyObject>();
  private jwksFetchedAt = 0;
  private readonly publicKey?: KeyObject;

  constructor(private readonly options: TokenVerifierOptions) {
    if (options.publicKey) {
      this.publicKey = createPublicKey(readPem(options.publicKey));
      if (this.publicKey.asymmetricKeyType !== 'ed25519') throw new Error('BANGFU_JWT_PUBLIC_KEY must be an Ed25519 key');
    }
    if (!options.secret && !this.publicKey && !options.jwksUrl) throw new Error('no way to verify tokens is configured');
  }

  async verify(token: string): Promise<TokenClaims> {
    const parts = token.split('.');
    if (parts.length !== 3 || parts.some((part) => !/^[A-Za-z0-9_-]*$/.test(part))) throw new InvalidTokenError('malformed token');
    const [header, payload, signature] = parts;
    const parsedHeader = parseJson<{ alg?: string; kid?: string }>(header);
    const raw = parseJson<Record<string, unknown>>(payload);
    const signingInput = Buffer.from(`${header}.${payload}`);
    const sig = Buffer.from(signature, 'base64url');
    const external = await this.checkSignature(parsedHeader, signingInput, sig);
    const claims = this.claims(raw, external);
    const now = (this.options.now?.() ?? new Date()).getTime() / 1000;
    if (typeof claims.exp !== 'number' || claims.exp <= now) throw new InvalidTokenError('token expired');
    if (typeof raw.nbf === 'number' && raw.nbf > now + 60) throw new InvalidTokenError('token not yet valid');
    return claims;
  }

  /** Returns true when the token came from the external provider (its claims are mapped). */
  private async checkSignature(header: { alg?: string; kid?: string }, input: Buffer, signature: Buffer): Promise<boolean> {
    switch (header.alg) {
      case 'HS256':
        if (!this.options.secret || !hmacMatches(input.toString(), signature, this.options.secret))
          throw new InvalidTokenError('bad token signature');
        return false;
      case 'EdDSA':
        if (this.publicKey && !header.kid) {
          if (!verify(null, input, this.publicKey, signature)) throw new InvalidTokenError('bad token signature');
          return false;
        }
        return this.checkWithJwks(header, (key) => verify(null, input, key, signature));
      case 'RS256':
        return this.checkWithJwks(header, (key) => verify('sha256', input, key, signature));
      case 'ES256':
        return this.checkWithJwks(header, (key) => verify('sha256', input, { key, dsaEncoding: 'ieee-p1363' }, signature));
      default:
        throw new InvalidTokenError('unsupported token algorithm');
    }
  }

  private async checkWithJwks(header: { kid?: string }, check: (key: KeyObject) => boolean): Promise<boolean> {
    if (!this.options.jwksUrl) throw new InvalidTokenError('unsupported token algorithm');
    if (!header.kid) throw new InvalidTokenError('token names no key id');
    const key = await this.jwksKey(header.kid);
    if (!key || !check(key)) throw new InvalidTokenError('bad token signature');
    return true;
  }

  private async jwksKey(kid: string): Promise<KeyObject | undefined> {
    if (!this.jwks.has(kid) && Date.now() - this.jwksFetchedAt > JWKS_REFRESH_MS) {
      this.jwksFetchedAt = Date.now();
      try {
        const response = await fetch(this.options.jwksUrl as string, { signal: AbortSignal.timeout(5000) });
        const body = (await response.json()) as { keys?: Jwk[] };
        const keys = new Map<string, KeyObject>();
        for (const jwk of body.keys ?? [])
          if (jwk.kid && jwk.use !== 'enc') keys.set(jwk.kid, createPublicKey({ key: jwk, format: 'jwk' }));
        this.jwks = keys;
      } catch {
        throw new InvalidTokenError('the identity provider’s keys could not be fetched');
      }
    }
    return this.jwks.get(kid);
  }

  private claims(raw: Record<string, unknown>, external: boolean): TokenClaims {
    const o = this.options;
    if (external) {
      if (o.issuer && raw.iss !== o.issuer) throw new InvalidTokenError('token from another issuer');
      const aud = raw.aud;
      if (o.audience && !(aud === o.audience || (Array.isArray(aud) && aud.includes(o.audience)))) {
        throw new InvalidTokenError('token for another audience');
      }
    }
    const pick = (name: string | undefined, fallback: string) => raw[external && name ? name : fallback];
    const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
    return {
      ...actorClaims(raw.sub, pick(o.rolesClaim, 'roles'), pick(o.regionClaim, 'region')),
      name: text(pick(o.nameClaim, 'name')),
      unit: text(pick(o.unitClaim, 'unit')),
      iat: typeof raw.iat === 'number' ? raw.iat : 0,
      exp: raw.exp as number,
    };
  }
}

function parseJson<T>(part: string): T {
  try {
    const value = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    if (value === null || typeof value !== 'object') throw new Error('not an object');
    return value as T;
  } catch {
    throw new InvalidTokenError('malformed token');
  }
}
