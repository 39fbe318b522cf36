import { ConfigError, loadConfig } from './config';

describe('configuration', () => {
  it('has defaults that start the embedded service on port 3000', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      dataDir: './data',
      databaseUrl: undefined,
      redisUrl: undefined,
      projections: 'api',
      deadlineTickSeconds: 60,
      readWaitMs: 2000,
      statisticsRefreshSeconds: 10,
      requestTimeoutMs: 30_000,
      shutdownTimeoutMs: 10_000,
      consumerStallSeconds: 120,
      nodeEnv: 'development',
      timeZone: 'Europe/Stockholm',
    });
  });

  it.each([
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'mysql://localhost/db'],
    ['DATABASE_URL', 'not a url'],
    ['REDIS_URL', 'http://localhost'],
    ['PROJECTIONS', 'both'],
    ['LOG_LEVEL', 'loud'],
    ['NODE_ENV', 'staging'],
    ['DEADLINE_TICK_SECONDS', '0'],
    ['RATE_LIMIT_PER_MINUTE', '-1'],
    ['APP_TIME_ZONE', 'Mars/Olympus'],
    ['BODY_LIMIT', 'huge'],
    ['REQUEST_TIMEOUT_MS', '10'],
    ['SHUTDOWN_TIMEOUT_MS', 'soon'],
    ['CONSUMER_STALL_SECONDS', '1'],
    ['STATISTICS_REFRESH_SECONDS', '-5'],
    ['DATABASE_SCHEMA', 'Robert); DROP TABLE'],
  ])('refuses %s=%s with a message naming the variable', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(name);
  });

  it('refuses an OIDC issuer or key set over plain http in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', OIDC_ISSUER: 'http://idp.example' })).toThrow(
      'OIDC_ISSUER must use https',
    );
    expect(() => loadConfig({ NODE_ENV: 'production', OIDC_JWKS_URI: 'http://idp.example/jwks' })).toThrow(
      'OIDC_JWKS_URI',
    );
    expect(loadConfig({ NODE_ENV: 'development', OIDC_ISSUER: 'http://idp.example' }).oidcIssuer).toBe(
      'http://idp.example',
    );
    expect(loadConfig({ NODE_ENV: 'production', OIDC_ISSUER: 'http://127.0.0.1:8080' }).oidcIssuer).toBe(
      'http://127.0.0.1:8080',
    );
  });

  it('reads every documented variable', () => {
    const config = loadConfig({
      PORT: '8080',
      DATABASE_URL: 'postgres://u@h:5432/d',
      DATABASE_SCHEMA: 'amt',
      REDIS_URL: 'redis://127.0.0.1:6379',
      PROJECTIONS: 'worker',
      RATE_LIMIT_PER_MINUTE: '0',
      CORS_ORIGINS: 'https://a.example, https://b.example',
    });
    expect(config).toMatchObject({
      port: 8080,
      databaseUrl: 'postgres://u@h:5432/d',
      databaseSchema: 'amt',
      redisUrl: 'redis://127.0.0.1:6379',
      projections: 'worker',
      rateLimitPerMinute: 0,
      corsOrigins: ['https://a.example', 'https://b.example'],
    });
  });

  describe('the event store', () => {
    const kurrent = { EVENT_STORE: 'kurrentdb', KURRENTDB_URL: 'esdb://kurrentdb:2113?tls=false' };

    it('keeps the events in the database by default', () => {
      expect(loadConfig({})).toMatchObject({
        eventStore: 'sql',
        kurrentDbUrl: undefined,
        kurrentDbNamespace: 'amt',
      });
    });

    it('keeps them in KurrentDB with EVENT_STORE=kurrentdb, KURRENTDB_URL and DATABASE_URL', () => {
      expect(
        loadConfig({ ...kurrent, DATABASE_URL: 'postgres://u@h:5432/d', KURRENTDB_NAMESPACE: 'torget' }),
      ).toMatchObject({
        eventStore: 'kurrentdb',
        kurrentDbUrl: 'esdb://kurrentdb:2113?tls=false',
        kurrentDbNamespace: 'torget',
        databaseUrl: 'postgres://u@h:5432/d',
      });
      expect(
        loadConfig({
          ...kurrent,
          KURRENTDB_URL: 'esdb+discover://cluster.example:2113',
          DATABASE_URL: 'postgres://h/d',
        }),
      ).toMatchObject({ kurrentDbUrl: 'esdb+discover://cluster.example:2113' });
    });

    it('says at start that DATABASE_URL is required beside KurrentDB, and why', () => {
      expect(() => loadConfig(kurrent)).toThrow(ConfigError);
      expect(() => loadConfig(kurrent)).toThrow(/DATABASE_URL.*checkpoints, read models/);
    });

    it.each([
      [{ EVENT_STORE: 'kurrentdb', DATABASE_URL: 'postgres://h/d' }, 'KURRENTDB_URL'],
      [
        { ...kurrent, KURRENTDB_URL: 'http://kurrentdb:2113', DATABASE_URL: 'postgres://h/d' },
        'KURRENTDB_URL',
      ],
      [{ EVENT_STORE: 'eventstore' }, 'EVENT_STORE'],
      [{ KURRENTDB_NAMESPACE: 'Amt.Prod' }, 'KURRENTDB_NAMESPACE'],
    ])('refuses %p naming %s', (env, name) => {
      expect(() => loadConfig(env)).toThrow(ConfigError);
      expect(() => loadConfig(env)).toThrow(name);
    });
  });
});
