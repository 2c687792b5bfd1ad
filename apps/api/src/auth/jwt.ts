import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface TokenClaims {
  sub: string;
  name?: string;
  roles: string[];
  region?: string;
  unit?: string;
  iat: number;
  exp: number;
}

export class InvalidTokenError extends Error {}

const b64url = (input: Buffer | string) => Buffer.from(input).toString('base64url');

export function signToken(claims: Omit<TokenClaims, 'iat' | 'exp'> & { ttlSeconds: number; now?: Date }, secret: string): string {
  const iat = Math.floor((claims.now ?? new Date()).getTime() / 1000);
  const { ttlSeconds, now: _now, ...rest } = claims;
  const payload: TokenClaims = { ...rest, iat, exp: iat + ttlSeconds };
  const head = `${b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${b64url(JSON.stringify(payload))}`;
  return `${head}.${createHmac('sha256', secret).update(head).digest('base64url')}`;
}

/** HS256 only: a token naming another algorithm (including "none") is refused. */
export function verifyToken(token: string, secret: string, now = new Date()): TokenClaims {
  const parts = token.split('.');
  if (parts.length !== 3) throw new InvalidTokenError('malformed token');
  const [header, payload, signature] = parts;
  let parsedHeader: { alg?: string };
  let claims: TokenClaims;
  try {
    parsedHeader = JSON.parse(Buffer.from(header, 'base64url').toString('utf8'));
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidTokenError('malformed token');
  }
  if (parsedHeader.alg !== 'HS256') throw new InvalidTokenError('unsupported token algorithm');
  const expected = createHmac('sha256', secret).update(`${header}.${payload}`).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new InvalidTokenError('bad token signature');
  if (typeof claims.sub !== 'string' || !claims.sub || !Array.isArray(claims.roles))
    throw new InvalidTokenError('token lacks sub or roles');
  if (typeof claims.exp !== 'number' || claims.exp * 1000 <= now.getTime()) throw new InvalidTokenError('token expired');
  return claims;
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

export function parseTtl(ttl: string): number {
  const match = /^(\d+)([smhd]?)$/.exec(ttl.trim());
  if (!match) throw new Error(`ttl "${ttl}" is not like 900, 15m, 8h or 30d`);
  const unit = { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[match[2] as '' | 's' | 'm' | 'h' | 'd'];
  return Number(match[1]) * unit;
}
