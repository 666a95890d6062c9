import { DEFAULT_SCRYPT_COST, type ScryptCost } from './auth/passwords';

export interface RateLimitConfig {
  /** Requests allowed in a burst. */
  burst: number;
  /** Requests per second sustained. */
  perSecond: number;
}

/** What the HTTP app needs (tests build it with small overrides). */
export interface AppConfig {
  /** Largest request body, in bytes, except deal imports. */
  bodyLimitBytes: number;
  /** Largest deal import (CSV or JSON), in bytes. */
  importBodyLimitBytes: number;
  /** Per token; null turns it off. */
  rateLimit: RateLimitConfig | null;
  /** Per client address, for requests without a valid token (login, bad tokens). */
  anonymousRateLimit: RateLimitConfig | null;
  /** Lifetime of a login session token. */
  sessionTtlSeconds: number;
  scryptCost: ScryptCost;
  /** Origins allowed besides chrome-extension://* and moz-extension://* (exact matches). */
  corsOrigins: string[];
  /** One line per request on stdout. */
  logRequests: boolean;
}

export interface ServerConfig extends AppConfig {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  sqliteSynchronous: 'full' | 'normal';
  pgPoolMax: number;
  /** How long a graceful shutdown waits for requests in flight. */
  shutdownTimeoutMs: number;
}

export const defaultAppConfig: AppConfig = {
  bodyLimitBytes: 1024 * 1024,
  importBodyLimitBytes: 64 * 1024 * 1024,
  rateLimit: { burst: 120, perSecond: 20 },
  anonymousRateLimit: { burst: 30, perSecond: 1 },
  sessionTtlSeconds: 30 * 24 * 3600,
  scryptCost: DEFAULT_SCRYPT_COST,
  corsOrigins: [],
  logRequests: false,
};

export function appConfig(overrides: Partial<AppConfig> = {}): AppConfig {
  return { ...defaultAppConfig, ...overrides };
}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number, min = 0): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min)
    throw new Error(`${name} must be an integer ≥ ${min} (got "${raw}")`);
  return n;
}

/** `burst/perSecond` ("120/20"), or `off`. */
function rateLimit(
  env: NodeJS.ProcessEnv,
  name: string,
  fallback: RateLimitConfig | null,
): RateLimitConfig | null {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (raw === 'off') return null;
  const m = /^(\d+)\/(\d+(?:\.\d+)?)$/.exec(raw);
  if (!m)
    throw new Error(`${name} must look like 120/20 (burst/per second) or be "off" (got "${raw}")`);
  return { burst: Number(m[1]), perSecond: Number(m[2]) };
}

/** Reads the environment (see server/README.md for the variables). */
export function loadServerConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const sync = env.ATTAIN_SQLITE_SYNCHRONOUS ?? 'full';
  if (sync !== 'full' && sync !== 'normal') {
    throw new Error(`ATTAIN_SQLITE_SYNCHRONOUS must be "full" or "normal" (got "${sync}")`);
  }
  return {
    ...defaultAppConfig,
    port: int(env, 'PORT', 8787),
    host: env.HOST || '127.0.0.1',
    dataDir: env.ATTAIN_DATA_DIR || './data',
    databaseUrl: env.DATABASE_URL || undefined,
    sqliteSynchronous: sync,
    pgPoolMax: int(env, 'ATTAIN_PG_POOL_MAX', 10, 1),
    shutdownTimeoutMs: int(env, 'ATTAIN_SHUTDOWN_TIMEOUT_MS', 10_000),
    bodyLimitBytes: int(env, 'ATTAIN_BODY_LIMIT', defaultAppConfig.bodyLimitBytes, 1024),
    importBodyLimitBytes: int(
      env,
      'ATTAIN_IMPORT_BODY_LIMIT',
      defaultAppConfig.importBodyLimitBytes,
      1024,
    ),
    rateLimit: rateLimit(env, 'ATTAIN_RATE_LIMIT', defaultAppConfig.rateLimit),
    anonymousRateLimit: rateLimit(
      env,
      'ATTAIN_ANONYMOUS_RATE_LIMIT',
      defaultAppConfig.anonymousRateLimit,
    ),
    sessionTtlSeconds: int(
      env,
      'ATTAIN_SESSION_TTL_SECONDS',
      defaultAppConfig.sessionTtlSeconds,
      60,
    ),
    corsOrigins: (env.ATTAIN_CORS_ORIGINS ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    logRequests: env.ATTAIN_LOG_REQUESTS === '1',
  };
}
