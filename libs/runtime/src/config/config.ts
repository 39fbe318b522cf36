import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * The service's configuration, read once from the environment and validated at start: a bad
 * value stops the service with a message naming the variable.
 */
export interface AppConfig {
  nodeEnv: 'development' | 'production' | 'test';
  port: number;
  /** PostgreSQL server; unset means the embedded PGlite store in dataDir. */
  databaseUrl?: string;
  databaseSchema?: string;
  dbPoolSize: number;
  /**
   * Where the events live: `sql` (default), in the database above; `kurrentdb`, in KurrentDB
   * (EventStoreDB), with checkpoints, read models, the person registry, the audit log and
   * idempotency records still in PostgreSQL (DATABASE_URL).
   */
  eventStore: 'sql' | 'kurrentdb';
  /** KurrentDB's connection string (esdb:// or esdb+discover://), with EVENT_STORE=kurrentdb. */
  kurrentDbUrl?: string;
  /** The service's streams in KurrentDB are `<namespace>.<stream>`. */
  kurrentDbNamespace: string;
  dataDir: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Unset means deadlines and jobs run in-process without Redis. */
  redisUrl?: string;
  redisPrefix: string;
  /** Where the projections run: in the API process (default) or only in apps/worker. */
  projections: 'api' | 'worker';
  deadlineTickSeconds: number;
  /** Attempts per background job (deadline, webhook delivery) before it is kept as failed. */
  jobAttempts: number;
  /** The first retry of a failed job waits this long; each next one twice as long. */
  jobBackoffMs: number;
  /** How long a party's webhook may take to answer. */
  webhookTimeoutMs: number;
  rateLimitPerMinute: number;
  readWaitMs: number;
  /**
   * How often the API checks whether a torg's statistics changed and computes the statistics
   * answers asked for lately again (0: never; they are then computed on the next request).
   */
  statisticsRefreshSeconds: number;
  /** The longest a request may take before it is answered 503 (its handler is logged). */
  requestTimeoutMs: number;
  /** The longest a graceful stop waits for requests in flight and consumers before the process exits. */
  shutdownTimeoutMs: number;
  /** A consumer whose checkpoint has not moved for this long while events wait makes the service not ready. */
  consumerStallSeconds: number;
  /** BODY_LIMIT in bytes (`512b`, `100kb`, `1mb`; default 100kb). */
  bodyLimit: number;
  corsOrigins: string[];
  /** The tenants' local time zone, for "today" in business dates. */
  timeZone: string;
  masterKey?: string;
  jwtDevSecret?: string;
  oidcIssuer?: string;
  oidcAudience?: string;
  oidcJwksUri?: string;
  /** The web app's client id at the OIDC provider (a public client: code flow with PKCE). */
  oidcClientId?: string;
  /** The scopes the web app asks for. */
  oidcScope: string;
  /** The built web app (index.html and assets), served at `/`. */
  webDir: string;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

type Env = Record<string, string | undefined>;

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new ConfigError(`${name} must be one of ${allowed.join(', ')}`);
  }
  return raw as T;
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}`);
  }
  return Number(raw);
}

function url(env: Env, name: string, protocols: string[]): string | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(`${name} is not a valid URL`);
  }
  if (!protocols.includes(parsed.protocol))
    throw new ConfigError(`${name} must use ${protocols.join(' or ')}`);
  return raw;
}

function optional(env: Env, name: string): string | undefined {
  const raw = env[name];
  return raw === undefined || raw === '' ? undefined : raw;
}

export function loadConfig(env: Env = process.env): AppConfig {
  const schema = optional(env, 'DATABASE_SCHEMA');
  if (schema && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new ConfigError('DATABASE_SCHEMA must be a lower-case SQL identifier');
  }
  const timeZone = optional(env, 'APP_TIME_ZONE') ?? 'Europe/Stockholm';
  try {
    new Intl.DateTimeFormat('sv-SE', { timeZone });
  } catch {
    throw new ConfigError('APP_TIME_ZONE is not a known IANA time zone');
  }
  if (env.NODE_ENV === 'production') {
    // Tokens and their keys must not travel in clear over a network (loopback is not one).
    for (const name of ['OIDC_ISSUER', 'OIDC_JWKS_URI']) {
      const value = optional(env, name);
      if (
        value?.startsWith('http:') &&
        !/^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?(\/|$)/.test(value)
      ) {
        throw new ConfigError(`${name} must use https: in production`);
      }
    }
  }
  const eventStore = oneOf(env, 'EVENT_STORE', ['sql', 'kurrentdb'] as const, 'sql');
  const kurrentDbUrl = url(env, 'KURRENTDB_URL', ['esdb:', 'esdb+discover:']);
  const kurrentDbNamespace = optional(env, 'KURRENTDB_NAMESPACE') ?? 'amt';
  if (!/^[a-z][a-z0-9_]{0,62}$/.test(kurrentDbNamespace)) {
    throw new ConfigError('KURRENTDB_NAMESPACE must be a lower-case identifier (letters, digits, _)');
  }
  if (eventStore === 'kurrentdb') {
    if (!kurrentDbUrl) throw new ConfigError('EVENT_STORE=kurrentdb needs KURRENTDB_URL (esdb://host:2113?tls=false)');
    if (!optional(env, 'DATABASE_URL')) {
      throw new ConfigError(
        'EVENT_STORE=kurrentdb needs DATABASE_URL: checkpoints, read models, the person registry, ' +
          'the audit log and idempotency records stay in PostgreSQL',
      );
    }
  }
  const bodyLimitSize = /^(\d+)(b|kb|mb)$/.exec(optional(env, 'BODY_LIMIT') ?? '100kb');
  if (!bodyLimitSize) throw new ConfigError('BODY_LIMIT must look like 100kb or 1mb');
  const bodyLimit = Number(bodyLimitSize[1]) * { b: 1, kb: 1024, mb: 1024 * 1024 }[bodyLimitSize[2] as 'b' | 'kb' | 'mb'];
  return {
    nodeEnv: oneOf(env, 'NODE_ENV', ['development', 'production', 'test'] as const, 'development'),
    port: integer(env, 'PORT', 3000, 0, 65535),
    databaseUrl: url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']),
    databaseSchema: schema,
    dbPoolSize: integer(env, 'DB_POOL_SIZE', 20, 1, 500),
    eventStore,
    kurrentDbUrl,
    kurrentDbNamespace,
    dataDir: optional(env, 'DATA_DIR') ?? './data',
    logLevel: oneOf(
      env,
      'LOG_LEVEL',
      ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const,
      'info',
    ),
    redisUrl: url(env, 'REDIS_URL', ['redis:', 'rediss:']),
    redisPrefix: optional(env, 'REDIS_PREFIX') ?? 'amt',
    projections: oneOf(env, 'PROJECTIONS', ['api', 'worker'] as const, 'api'),
    deadlineTickSeconds: integer(env, 'DEADLINE_TICK_SECONDS', 60, 1, 86_400),
    jobAttempts: integer(env, 'JOB_ATTEMPTS', 8, 1, 100),
    jobBackoffMs: integer(env, 'JOB_BACKOFF_MS', 5000, 10, 3_600_000),
    webhookTimeoutMs: integer(env, 'WEBHOOK_TIMEOUT_MS', 10_000, 100, 120_000),
    rateLimitPerMinute: integer(env, 'RATE_LIMIT_PER_MINUTE', 600, 0, 10_000_000),
    readWaitMs: integer(env, 'READ_WAIT_MS', 2000, 0, 60_000),
    statisticsRefreshSeconds: integer(env, 'STATISTICS_REFRESH_SECONDS', 10, 0, 86_400),
    requestTimeoutMs: integer(env, 'REQUEST_TIMEOUT_MS', 30_000, 100, 600_000),
    shutdownTimeoutMs: integer(env, 'SHUTDOWN_TIMEOUT_MS', 10_000, 0, 600_000),
    consumerStallSeconds: integer(env, 'CONSUMER_STALL_SECONDS', 120, 5, 86_400),
    bodyLimit,
    corsOrigins: (optional(env, 'CORS_ORIGINS') ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    timeZone,
    masterKey: optional(env, 'MASTER_KEY'),
    jwtDevSecret: optional(env, 'JWT_DEV_SECRET'),
    oidcIssuer: url(env, 'OIDC_ISSUER', ['https:', 'http:']),
    oidcAudience: optional(env, 'OIDC_AUDIENCE'),
    oidcJwksUri: url(env, 'OIDC_JWKS_URI', ['https:', 'http:']),
    oidcClientId: optional(env, 'OIDC_CLIENT_ID'),
    oidcScope: optional(env, 'OIDC_SCOPE') ?? 'openid profile',
    webDir: resolve(optional(env, 'WEB_DIR') ?? join(repositoryRoot(), 'dist', 'web')),
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');

/** The folder with package.json above this file, whether it runs from dist/ or from the sources. */
function repositoryRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}
