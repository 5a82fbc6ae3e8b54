import { ConfigError, DEV_JWT_SECRET, loadConfig } from './app-config';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env, '/srv');
  } catch (err) {
    if (err instanceof ConfigError) return err.problems.map((p) => p.variable);
    throw err;
  }
  return [];
}

describe('configuration', () => {
  it('boots on an empty environment with the embedded defaults', () => {
    const config = loadConfig({}, '/srv');
    expect(config).toMatchObject({
      eventStore: 'sqlite',
      readStore: 'sqlite',
      dataDir: '/srv/data',
      port: 3000,
      projectorPort: 3001,
      logLevel: 'info',
      jwtSecret: DEV_JWT_SECRET,
      jwtSecretIsDevDefault: true,
    });
  });

  it('names the variable when an adapter choice is unknown', () => {
    expect(() => loadConfig({ AFTERCARE_EVENT_STORE: 'postgres' })).toThrow(/AFTERCARE_EVENT_STORE: "postgres" is not one of sqlite, eventstoredb/);
    expect(problemsOf({ AFTERCARE_READ_STORE: 'redis' })).toEqual(['AFTERCARE_READ_STORE']);
  });

  it('requires EVENTSTORE_URL when the event store is EventStoreDB', () => {
    expect(problemsOf({ AFTERCARE_EVENT_STORE: 'eventstoredb' })).toEqual(['EVENTSTORE_URL']);
    expect(loadConfig({ AFTERCARE_EVENT_STORE: 'eventstoredb', EVENTSTORE_URL: 'esdb://eventstore:2113?tls=false' }).eventStoreUrl).toBe(
      'esdb://eventstore:2113?tls=false',
    );
  });

  it('requires MONGODB_URL when read models live in MongoDB', () => {
    expect(problemsOf({ AFTERCARE_READ_STORE: 'mongodb' })).toEqual(['MONGODB_URL']);
    expect(problemsOf({ AFTERCARE_READ_STORE: 'mongodb', MONGODB_URL: 'http://mongo' })).toEqual(['MONGODB_URL']);
  });

  it('does not echo a password from a bad connection string', () => {
    expect(() => loadConfig({ MONGODB_URL: 'postgres://user:hunter2@db/x' })).toThrow(/\*\*\*@db/);
    expect(() => loadConfig({ MONGODB_URL: 'postgres://user:hunter2@db/x' })).not.toThrow(/hunter2/);
  });

  it('rejects ports that are not numbers in range', () => {
    expect(problemsOf({ PORT: 'eighty' })).toEqual(['PORT']);
    expect(problemsOf({ PROJECTOR_PORT: '70000' })).toEqual(['PROJECTOR_PORT']);
    expect(loadConfig({ PORT: '8080' }).port).toBe(8080);
  });

  it('refuses to boot in production without a JWT secret', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/AFTERCARE_JWT_SECRET: is required when NODE_ENV=production/);
    expect(loadConfig({ NODE_ENV: 'production', AFTERCARE_JWT_SECRET: 'a-long-enough-secret' }).jwtSecretIsDevDefault).toBe(false);
  });

  it('rejects a JWT secret too short to resist brute force', () => {
    expect(problemsOf({ AFTERCARE_JWT_SECRET: 'short' })).toEqual(['AFTERCARE_JWT_SECRET']);
  });

  it('reads the token policy, the rate limit and the GraphQL limits, with generous defaults', () => {
    expect(loadConfig({}, '/srv')).toMatchObject({
      jwt: { issuer: 'aftercare', audience: 'aftercare-api', clockSkewSeconds: 60 },
      rateLimitPerMinute: 60_000,
      graphql: { maxDepth: 10, maxCost: 10_000 },
    });
    const custom = loadConfig({ AFTERCARE_JWT_ISSUER: 'idp', AFTERCARE_JWT_AUDIENCE: 'care', AFTERCARE_JWT_CLOCK_SKEW: '5', AFTERCARE_RATE_LIMIT: '0' }, '/srv');
    expect(custom).toMatchObject({ jwt: { issuer: 'idp', audience: 'care', clockSkewSeconds: 5 }, rateLimitPerMinute: 0 });
    // Skew beyond 5 minutes would keep expired tokens alive.
    expect(problemsOf({ AFTERCARE_JWT_CLOCK_SKEW: '600', AFTERCARE_RATE_LIMIT: 'lots', AFTERCARE_GRAPHQL_MAX_DEPTH: '1', AFTERCARE_GRAPHQL_MAX_COST: '-5' }).sort()).toEqual([
      'AFTERCARE_GRAPHQL_MAX_COST',
      'AFTERCARE_GRAPHQL_MAX_DEPTH',
      'AFTERCARE_JWT_CLOCK_SKEW',
      'AFTERCARE_RATE_LIMIT',
    ]);
  });

  it('lists every bad variable at once', () => {
    expect(problemsOf({ LOG_LEVEL: 'loud', PORT: '-1', AFTERCARE_BODY_LIMIT: '10' }).sort()).toEqual(['AFTERCARE_BODY_LIMIT', 'LOG_LEVEL', 'PORT']);
  });
});
