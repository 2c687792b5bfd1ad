import { resolve } from 'node:path';

export interface BangfuConfig {
  /** Where events.db, views.db and the dev signing key live. */
  dataDir: string;
  port: number;
  host: string;
  store: 'sqlite' | 'esdb';
  /** With store esdb: the EventStoreDB/KurrentDB connection string. */
  esdbUrl?: string;
  /** SQLite durability: FULL fsyncs every commit (group commit keeps that cheap). */
  sqliteSynchronous: 'FULL' | 'NORMAL' | 'OFF';
  /** HS256 secret; when absent a random one is created in the data dir on first start. */
  jwtSecret?: string;
  /** Ed25519 private key (PEM, or a file holding it) that signs checkpoints and dossiers; else one in the data dir. */
  checkpointKey?: string;
  /** Ed25519 keys (PEM or file path): the public one verifies EdDSA tokens, the private one signs `bangfu token`. */
  jwtPublicKey?: string;
  jwtPrivateKey?: string;
  /** An external identity provider. */
  jwksUrl?: string;
  jwtIssuer?: string;
  jwtAudience?: string;
  jwtRolesClaim?: string;
  jwtRegionClaim?: string;
  /** Requests per minute allowed to one token (or, without a token, one address). */
  rateLimitPerMinute: number;
  /** How often due timers are looked for, in ms; 0 turns the scheduler off. */
  timerIntervalMs: number;
  /** Longest wait for `?minPosition=`, in ms. */
  maxViewWaitMs: number;
  /**
   * Where the views are applied: `thread`, a worker thread with its own connections (so applying them never holds
   * up a request), or `inline`, on the API's event loop.
   */
  viewsThread: 'thread' | 'inline';
  /**
   * Where the SQLite store commits appends: `thread`, a worker thread with its own connection (checks, hashing and
   * fsync off the API's event loop), or `inline`, on it.
   */
  commitThread: 'thread' | 'inline';
  /** A fund with a balance and no movement for this many days is flagged FUND_IDLE (滞留). */
  fundIdleDays: number;
  /** A disbursement without a confirmed receipt after this many days is flagged UNCONFIRMED_DISBURSEMENT. */
  receiptDays: number;
  /** Load the demo work plan into an empty store on start. */
  demo: boolean;
  /**
   * Demo sign-in (one click as a demo persona): `auto` turns it on only when the store holds the demo and the API
   * listens on a loopback address; `on` and `off` decide outright.
   */
  demoSignIn: 'auto' | 'on' | 'off';
  logger: boolean;
}

export class ConfigurationError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): BangfuConfig {
  const store = env.BANGFU_STORE ?? 'sqlite';
  if (store !== 'sqlite' && store !== 'esdb') throw new ConfigurationError(`BANGFU_STORE must be sqlite or esdb, not "${store}"`);
  if (store === 'esdb' && !/^esdb(\+discover)?:\/\//.test(env.BANGFU_ESDB_URL ?? '')) {
    throw new ConfigurationError('BANGFU_STORE=esdb needs BANGFU_ESDB_URL, e.g. esdb://localhost:2113?tls=false');
  }
  const synchronous = (env.BANGFU_SQLITE_SYNCHRONOUS ?? 'FULL').toUpperCase();
  if (!['FULL', 'NORMAL', 'OFF'].includes(synchronous))
    throw new ConfigurationError('BANGFU_SQLITE_SYNCHRONOUS must be FULL, NORMAL or OFF');
  return {
    dataDir: resolve(env.BANGFU_DATA_DIR ?? './data'),
    port: integer(env.PORT, 3000, 'PORT'),
    host: env.HOST ?? '127.0.0.1',
    store,
    esdbUrl: store === 'esdb' ? env.BANGFU_ESDB_URL : undefined,
    sqliteSynchronous: synchronous as BangfuConfig['sqliteSynchronous'],
    jwtSecret: env.BANGFU_JWT_SECRET || undefined,
    checkpointKey: env.BANGFU_CHECKPOINT_KEY || undefined,
    jwtPublicKey: env.BANGFU_JWT_PUBLIC_KEY || undefined,
    jwtPrivateKey: env.BANGFU_JWT_PRIVATE_KEY || undefined,
    jwksUrl: env.BANGFU_JWKS_URL || undefined,
    jwtIssuer: env.BANGFU_JWT_ISSUER || undefined,
    jwtAudience: env.BANGFU_JWT_AUDIENCE || undefined,
    jwtRolesClaim: env.BANGFU_JWT_ROLES_CLAIM || undefined,
    jwtRegionClaim: env.BANGFU_JWT_REGION_CLAIM || undefined,
    rateLimitPerMinute: integer(env.BANGFU_RATE_LIMIT_PER_MINUTE, 1200, 'BANGFU_RATE_LIMIT_PER_MINUTE'),
    timerIntervalMs: integer(env.BANGFU_TIMER_INTERVAL_MS, 1000, 'BANGFU_TIMER_INTERVAL_MS'),
    maxViewWaitMs: integer(env.BANGFU_MAX_VIEW_WAIT_MS, 5000, 'BANGFU_MAX_VIEW_WAIT_MS'),
    viewsThread: oneOf(env.BANGFU_VIEWS_THREAD, ['thread', 'inline'] as const, 'thread', 'BANGFU_VIEWS_THREAD'),
    commitThread: oneOf(env.BANGFU_COMMIT_THREAD, ['thread', 'inline'] as const, 'thread', 'BANGFU_COMMIT_THREAD'),
    fundIdleDays: integer(env.BANGFU_FUND_IDLE_DAYS, 90, 'BANGFU_FUND_IDLE_DAYS'),
    receiptDays: integer(env.BANGFU_RECEIPT_DAYS, 30, 'BANGFU_RECEIPT_DAYS'),
    demo: (env.BANGFU_DEMO ?? 'true') !== 'false',
    demoSignIn: oneOf(env.BANGFU_DEMO_SIGNIN, ['auto', 'on', 'off'] as const, 'auto', 'BANGFU_DEMO_SIGNIN'),
    logger: (env.BANGFU_LOG ?? 'true') !== 'false',
  };
}

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], fallback: T, name: string): T {
  if (value === undefined || value === '') return fallback;
  if (!(allowed as readonly string[]).includes(value))
    throw new ConfigurationError(`${name} must be ${allowed.join(', ')}, not "${value}"`);
  return value as T;
}

function integer(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) throw new ConfigurationError(`${name} must be a non-negative integer, not "${value}"`);
  return parsed;
}

export const BANGFU_CONFIG = Symbol('BANGFU_CONFIG');
