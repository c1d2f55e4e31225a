import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigError, describeEnv, loadConfig } from './load.js';
import { apiEnv, fetcherEnv, serviceEnv } from './schemas.js';

function configError(run: () => unknown): ConfigError {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('applies defaults to an empty environment', () => {
    const config = loadConfig(fetcherEnv, {});
    expect(config).toMatchObject({
      LOG_LEVEL: 'info',
      REDIS_URL: 'redis://127.0.0.1:6379',
      REDIS_PREFIX: '{tidal-remedy}',
      TIDAL_API_URL: 'https://openapi.tidal.com/v2',
      TIDAL_AUTH_URL: 'https://auth.tidal.com/v1/oauth2/token',
      WORKER_CONCURRENCY: 4,
    });
    expect(config.TIDAL_CREDS_PATH).toBeUndefined();
  });

  it('parses numbers, flags and URLs from strings', () => {
    const config = loadConfig(apiEnv, {
      PORT: '9000',
      API_AUTH: 'false',
      PUBLIC_URL: 'https://remedy.example',
    });
    expect(config.PORT).toBe(9000);
    expect(config.API_AUTH).toBe(false);
    expect(loadConfig(fetcherEnv, { TIDAL_API_URL: 'http://127.0.0.1:8090/v2/' }).TIDAL_API_URL).toBe(
      'http://127.0.0.1:8090/v2',
    );
  });

  it('reads TRUST_PROXY as express takes it: off by default, a flag, hops or addresses', () => {
    const trust = (value?: string) =>
      loadConfig(apiEnv, value === undefined ? {} : { TRUST_PROXY: value }).TRUST_PROXY;
    expect(trust()).toBe(false);
    expect(trust('true')).toBe(true);
    expect(trust('2')).toBe(2);
    expect(trust('loopback, 10.0.0.0/8')).toBe('loopback, 10.0.0.0/8');
    expect(configError(() => trust('*;rm')).problems[0]?.variable).toBe('TRUST_PROXY');
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig(apiEnv, { PORT: '' }).PORT).toBe(8080);
  });

  it('names every bad variable at once, without quoting values', () => {
    const error = configError(() =>
      loadConfig(fetcherEnv, {
        REDIS_URL: 'http://user:hunter2@redis',
        WORKER_CONCURRENCY: 'lots',
        REDIS_PREFIX: 'no-hash-tag',
        LOG_LEVEL: 'loud',
      }),
    );
    expect(error.problems.map((problem) => problem.variable).sort()).toEqual([
      'LOG_LEVEL',
      'REDIS_PREFIX',
      'REDIS_URL',
      'WORKER_CONCURRENCY',
    ]);
    expect(error.message).toContain('REDIS_URL: expected a redis:// or rediss:// URL');
    expect(error.message).toContain('REDIS_PREFIX: expected one hash tag');
    expect(error.message).not.toContain('hunter2');
  });

  it('reads a Redis Cluster (nodes, NAT map) and a Sentinel set, and refuses a half or a mix', () => {
    const cluster = loadConfig(apiEnv, {
      REDIS_CLUSTER_NODES: 'redis-0:6379, 10.0.0.7:7000,[::1]:7001',
      REDIS_CLUSTER_NAT_MAP: '10.0.0.5:6379=redis-0.example.com:6380',
      REDIS_CLUSTER_DNS_LOOKUP: 'false',
    });
    expect(cluster.REDIS_CLUSTER_NODES).toEqual([
      { host: 'redis-0', port: 6379 },
      { host: '10.0.0.7', port: 7000 },
      { host: '::1', port: 7001 },
    ]);
    expect(cluster.REDIS_CLUSTER_NAT_MAP).toEqual({
      '10.0.0.5:6379': { host: 'redis-0.example.com', port: 6380 },
    });
    expect(cluster.REDIS_CLUSTER_DNS_LOOKUP).toBe(false);
    const sentinel = loadConfig(fetcherEnv, {
      REDIS_SENTINELS: 's1:26379,s2:26379',
      REDIS_SENTINEL_NAME: 'main',
    });
    expect(sentinel.REDIS_SENTINELS).toHaveLength(2);

    const problems = (env: Record<string, string>) =>
      configError(() => loadConfig(fetcherEnv, env)).problems.map(
        ({ variable, problem }) => `${variable}: ${problem}`,
      );
    expect(problems({ REDIS_CLUSTER_NODES: 'redis-0' })).toEqual([
      'REDIS_CLUSTER_NODES: expected host:port pairs separated by commas',
    ]);
    expect(problems({ REDIS_CLUSTER_NAT_MAP: '10.0.0.5:6379' })[0]).toContain(
      'REDIS_CLUSTER_NAT_MAP: expected',
    );
    expect(problems({ REDIS_SENTINELS: 's1:26379' })).toEqual([
      'REDIS_SENTINEL_NAME: is required with REDIS_SENTINELS: the name of the master they monitor',
    ]);
    expect(problems({ REDIS_SENTINEL_NAME: 'main' })[0]).toMatch(/^REDIS_SENTINELS: is required with/);
    expect(
      problems({ REDIS_CLUSTER_NODES: 'a:1', REDIS_SENTINELS: 's1:26379', REDIS_SENTINEL_NAME: 'main' }),
    ).toEqual([
      'REDIS_SENTINELS: cannot be set with REDIS_CLUSTER_NODES: Redis is either a Cluster or a Sentinel set',
    ]);
  });

  it('says a required variable is not set', () => {
    const error = configError(() => loadConfig(z.object({ NEEDED: z.string() }), {}));
    expect(error.message).toContain('NEEDED: is required but not set');
  });
});

describe('describeEnv', () => {
  it('documents every variable of every service with a description', () => {
    for (const schema of Object.values(serviceEnv)) {
      for (const doc of describeEnv(schema)) {
        expect(doc.description, doc.name).not.toBe('');
        expect(doc.name).toMatch(/^[A-Z][A-Z0-9_]*$/);
      }
    }
  });

  it('reports defaults and optional variables', () => {
    const docs = Object.fromEntries(describeEnv(apiEnv).map((doc) => [doc.name, doc]));
    expect(docs.PORT).toMatchObject({ default: '8080', required: false });
    expect(docs.PUBLIC_URL).toMatchObject({ default: null, required: false });
    expect(docs.API_AUTH).toMatchObject({ default: 'true', required: false });
  });
});
