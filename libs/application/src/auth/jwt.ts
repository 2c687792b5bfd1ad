import { createHmac, createPrivateKey, randomBytes, sign as signWithKey, timingSafeEqual, type KeyObject } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface TokenClaims {
  sub: string;
  name?: string;
  roles: string[];
  region: string;
  unit?: string;
  iat: number;
  exp: number;
  iss?: string;
  aud?: string | string[];
}

/** A token that proves nothing: refused with 401 and `code`, the stable reason (never widened or guessed). */
export class InvalidTokenError extends Error {
  constructor(
    message: string,
    readonly code = 'INVALID_TOKEN',
  ) {
    super(message);
  }
}

export const b64url = (input: Buffer | string) => Buffer.from(input).toString('base64url');

export interface SigningKey {
  /** HS256 shared secret, or an Ed25519 private key (EdDSA). */
  secret?: string;
  privateKey?: KeyObject;
}

/** Signs a bangfu token: HS256 with the shared secret, or EdDSA when an Ed25519 private key is configured. */
export function signToken(claims: Omit<TokenClaims, 'iat' | 'exp'> & { ttlSeconds: number; now?: Date }, key: string | SigningKey): string {
  const signing = typeof key === 'string' ? { secret: key } : key;
  const iat = Math.floor((claims.now ?? new Date()).getTime() / 1000);
  const { ttlSeconds, now: _now, ...rest } = claims;
  const payload: TokenClaims = { ...rest, iat, exp: iat + ttlSeconds };
  const alg = signing.privateKey ? 'EdDSA' : 'HS256';
  const head = `${b64url(JSON.stringify({ alg, typ: 'JWT' }))}.${b64url(JSON.stringify(payload))}`;
  const signature = signing.privateKey
    ? signWithKey(null, Buffer.from(head), signing.privateKey)
    : createHmac('sha256', signing.secret as string)
        .update(head)
        .digest();
  return `${head}.${b64url(signature)}`;
}

export function hmacMatches(signingInput: string, signature: Buffer, secret: string): boolean {
  const expected = createHmac('sha256', secret).update(signingInput).digest();
  return signature.length === expected.length && timingSafeEqual(signature, expected);
}

/** The dev signing secret lives in the data dir (mode 0600), created on first use and never committed. */
export function loadOrCreateSecret(dataDir: string, configured?: string): string {
  if (configured) return configured;
  const file = join(dataDir, 'jwt-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return secret;
}

/** A PEM given inline or as the path of a file holding it. */
export function readPem(value: string): string {
  return value.includes('-----BEGIN') ? value : readFileSync(value, 'utf8');
}

export function loadPrivateKey(value: string | undefined): KeyObject | undefined {
  if (!value) return undefined;
  const key = createPrivateKey(readPem(value));
  if (key.asymmetricKeyType !== 'ed25519') throw new Error('BANGFU_JWT_PRIVATE_KEY must be an Ed25519 key');
  return key;
}

export function parseTtl(ttl: string): number {
  const match = /^(\d+)([smhd]?)$/.exec(ttl.trim());
  if (!match) throw new Error(`ttl "${ttl}" is not like 900, 15m, 8h or 30d`);
  const unit = { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[match[2] as '' | 's' | 'm' | 'h' | 'd'];
  const seconds = Number(match[1]) * unit;
  if (seconds <= 0) throw new Error('ttl must be positive');
  return seconds;
}
