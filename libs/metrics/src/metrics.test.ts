import { RemedyQueues } from '@tidal-remedy/queue';
import { connectRedis, deletePrefix, testPrefix } from '@tidal-remedy/test-support/redis';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMetricsRegistry } from './metrics-registry.js';
import { RedisPipelineMetrics } from './pipeline-metrics.js';

let redis: Redis;
const prefix = testPrefix('metrics');
beforeAll(() => {
  redis = connectRedis();
});
afterAll(async () => {
  await deletePrefix(redis, prefix);
  redis.disconnect();
});

describe('pipeline metrics', () => {
  it('sums what several replicas record, and exports it in Prometheus text', async () => {
    const replicas = [new RedisPipelineMetrics(redis, prefix), new RedisPipelineMetrics(redis, prefix)];
    for (const metrics of replicas) {
      metrics.tidalRequest('GET /tracks', '200');
      metrics.cacheLookup('match', true);
      metrics.stepDuration('match', 0.2);
      metrics.jobOutcome('remedy-match', 'completed');
    }
    replicas[0]!.tidalRequest('GET /tracks', '429');
    replicas[1]!.stepDuration('match', 400);
    await Promise.all(replicas.map((metrics) => metrics.close()));

    const queues = new RemedyQueues({ connection: redis, prefix });
    await queues.byStep.match.add('match', { x: 1 });
    const text = await createMetricsRegistry({ redis, prefix, queues: [queues.byStep.match] }).metrics();
    await queues.close();

    expect(text).toContain('tidal_remedy_tidal_requests_total{endpoint="GET /tracks",status="200"} 2');
    expect(text).toContain('tidal_remedy_tidal_requests_total{endpoint="GET /tracks",status="429"} 1');
    expect(text).toContain('tidal_remedy_cache_lookups_total{step="match",result="hit"} 2');
    expect(text).toContain('tidal_remedy_jobs_total{queue="remedy-match",outcome="completed"} 2');
    expect(text).toContain('tidal_remedy_step_duration_seconds_bucket{step="match",le="0.1"} 0');
    expect(text).toContain('tidal_remedy_step_duration_seconds_bucket{step="match",le="0.25"} 2');
    expect(text).toContain('tidal_remedy_step_duration_seconds_bucket{step="match",le="300"} 2');
    expect(text).toContain('tidal_remedy_step_duration_seconds_bucket{step="match",le="+Inf"} 3');
    expect(text).toContain('tidal_remedy_step_duration_seconds_count{step="match"} 3');
    expect(text).toContain('tidal_remedy_queue_jobs{queue="remedy-match",state="waiting"} 1');
    expect(text).toContain('# TYPE tidal_remedy_step_duration_seconds histogram');
  });
});
