import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('configuration from the environment', () => {
  it('defaults to the embedded shape: PostgreSQL event store, no external service, port 8080, ./.data', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      eventStore: 'postgres',
      port: 8080,
      runWorker: true,
      demoData: true,
      demoTrends: true,
      demoTrendsWorkers: 500,
      databaseUrl: undefined,
      redisUrl: undefined,
      xapiWriteWaitMs: 2000,
    });
    expect(config.dataDir.endsWith('.data')).toBe(true);
    expect(config.embeddedPgPort).toBeUndefined();
  });

  it('keeps job queues under JOB_QUEUE_PREFIX, "continuum" by default', () => {
    expect(loadConfig({}).jobQueuePrefix).toBe('continuum');
    expect(loadConfig({ JOB_QUEUE_PREFIX: 'site-b' }).jobQueuePrefix).toBe('site-b');
  });

  it('checks /api answers against the OpenAPI document only when VALIDATE_API_RESPONSES says so (tests)', () => {
    expect(loadConfig({}).validateApiResponses).toBe(false);
    expect(loadConfig({ VALIDATE_API_RESPONSES: 'true' }).validateApiResponses).toBe(true);
  });

  it('takes the embedded PostgreSQL port from EMBEDDED_PG_PORT', () => {
    expect(loadConfig({ EMBEDDED_PG_PORT: '54329' }).embeddedPgPort).toBe(54329);
  });

  it('trusts no proxy unless TRUST_PROXY says which, in the forms Fastify takes', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.1, 10.1.0.0/16,loopback,::1' }).trustProxy).toEqual([
      '10.0.0.1',
      '10.1.0.0/16',
      'loopback',
      '::1',
    ]);
  });

  it.each([
    [{ TRUST_PROXY: 'yes' }, /TRUST_PROXY must be false, true, a number of hops/],
    [{ TRUST_PROXY: '0' }, /TRUST_PROXY must be false, true, a number of hops/],
    [{ TRUST_PROXY: '10.0.0.1/33' }, /TRUST_PROXY must be false, true, a number of hops/],
    [{ PORT: 'abc' }, /PORT must be a number \(got "abc"\)/],
    [{ PORT: '70000' }, /PORT must be 1-65535/],
    [{ EVENT_STORE: 'mongo' }, /EVENT_STORE must be "postgres" or "esdb" \(got "mongo"\)/],
    [{ EVENT_STORE: 'esdb', DATABASE_URL: 'postgres://x/y' }, /EVENTSTORE_URL is required when EVENT_STORE=esdb/],
    [{ EVENT_STORE: 'esdb', EVENTSTORE_URL: 'esdb://h:2113' }, /DATABASE_URL is required when EVENT_STORE=esdb/],
    [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL must be a URL starting with postgres:\/\/ or postgresql:\/\//],
    [{ REDIS_URL: 'localhost:6379' }, /REDIS_URL must be a URL starting with redis:\/\/ or rediss:\/\//],
    [{ ADMIN_TOKEN: 'short' }, /ADMIN_TOKEN must be at least 16 characters/],
    [{ RUN_WORKER: 'maybe' }, /RUN_WORKER must be true or false/],
    [{ DEMO_DATA: 'no' }, /DEMO_DATA must be true or false \(got "no"\)/],
    [{ XAPI_WRITE_WAIT_MS: '-1' }, /XAPI_WRITE_WAIT_MS must be 0-60000 \(got "-1"\)/],
    [{ XAPI_WRITE_WAIT_MS: 'soon' }, /XAPI_WRITE_WAIT_MS must be a number/],
    [{ EMBEDDED_PG_PORT: 'pg' }, /EMBEDDED_PG_PORT must be a number \(got "pg"\)/],
    [{ JOB_QUEUE_PREFIX: 'a:b' }, /JOB_QUEUE_PREFIX must be 1-64 letters, digits, "_" or "-" \(got "a:b"\)/],
    [{ EMBEDDED_PG_PORT: '0' }, /EMBEDDED_PG_PORT must be 1-65535 \(got "0"\)/],
    [{ EMBEDDED_PG_PORT: '5432.5' }, /EMBEDDED_PG_PORT must be an integer/],
    [{ EMBEDDED_PG_PORT: '65536' }, /EMBEDDED_PG_PORT must be 1-65535/],
    [
      { EMBEDDED_PG_PORT: '5433', DATABASE_URL: 'postgres://u:p@db:5432/continuum' },
      /EMBEDDED_PG_PORT is for the embedded PostgreSQL, which does not start when DATABASE_URL is set \(got "5433"\)/,
    ],
  ])('rejects %o with a message naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('lists every bad variable at once', () => {
    try {
      loadConfig({ PORT: 'x', EVENT_STORE: 'y' });
      expect.unreachable();
    } catch (error) {
      expect((error as ConfigError).problems).toHaveLength(2);
    }
  });

  it('reads the production shape', () => {
    const config = loadConfig({
      EVENT_STORE: 'esdb',
      EVENTSTORE_URL: 'esdb://kurrentdb:2113?tls=false',
      DATABASE_URL: 'postgres://u:p@db:5432/continuum',
      REDIS_URL: 'redis://redis:6379',
      RUN_WORKER: 'false',
      DEMO_DATA: 'false',
      DEMO_TRENDS: 'false',
      PORT: '9000',
    });
    expect(config).toMatchObject({
      eventStore: 'esdb',
      redisUrl: 'redis://redis:6379',
      runWorker: false,
      demoData: false,
      demoTrends: false,
      port: 9000,
    });
  });
});
