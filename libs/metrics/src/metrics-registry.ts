import type { Queue } from 'bullmq';
import type { Cluster, Redis } from 'ioredis';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { metricsKey, parseMetricField, STEP_DURATION_BUCKETS } from './pipeline-metrics.js';

type MetricType = 'counter' | 'gauge' | 'histogram';
interface MetricValue {
  value: number;
  labels: Record<string, string>;
  metricName?: string;
}

/** A prom-client metric whose values are computed at scrape time (from Redis, from the queues). */
function computedMetric(name: string, help: string, type: MetricType, values: () => Promise<MetricValue[]>) {
  return {
    name,
    help,
    type,
    aggregator: 'sum' as const,
    async get() {
      return { name, help, type, aggregator: 'sum' as const, values: await values() };
    },
  };
}

const QUEUE_STATES = [
  'waiting',
  'active',
  'delayed',
  'prioritized',
  'waiting-children',
  'completed',
  'failed',
] as const;

/**
 * The Prometheus view of the whole system: what every worker recorded in Redis, plus each queue's job
 * counts by state, plus this process's own Node metrics.
 */
export function createMetricsRegistry(options: {
  redis: Redis | Cluster;
  prefix: string;
  queues: Queue[];
}): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'tidal_remedy_api_' });

  let snapshot: Promise<Array<{ name: string; labels: Record<string, string>; value: number }>> | null = null;
  // All metrics of one scrape read the hash once.
  const recorded = () => {
    snapshot ??= options.redis.hgetall(metricsKey(options.prefix)).then((hash) => {
      setImmediate(() => {
        snapshot = null;
      });
      return Object.entries(hash).flatMap(([field, value]) => {
        const parsed = parseMetricField(field);
        return parsed ? [{ ...parsed, value: Number(value) }] : [];
      });
    });
    return snapshot;
  };
  const recordedAs = (name: string) => async () =>
    (await recorded()).filter((entry) => entry.name === name).map(({ labels, value }) => ({ labels, value }));

  registry.registerMetric(
    computedMetric(
      'tidal_remedy_tidal_requests_total',
      'Requests made to TIDAL, by endpoint and HTTP status.',
      'counter',
      recordedAs('tidal_requests'),
    ) as never,
  );
  registry.registerMetric(
    computedMetric(
      'tidal_remedy_cache_lookups_total',
      'Step cache lookups, by step and result (hit or miss).',
      'counter',
      recordedAs('cache_lookups'),
    ) as never,
  );
  registry.registerMetric(
    computedMetric(
      'tidal_remedy_jobs_total',
      'Jobs finished, by queue and outcome.',
      'counter',
      recordedAs('jobs'),
    ) as never,
  );
  registry.registerMetric(
    computedMetric(
      'tidal_remedy_step_duration_seconds',
      'Time one step took for one job.',
      'histogram',
      async () => {
        const entries = await recorded();
        const steps = new Set(
          entries.filter((entry) => entry.name === 'step_duration_count').map((entry) => entry.labels.step!),
        );
        const values: MetricValue[] = [];
        for (const step of steps) {
          let cumulative = 0;
          for (const bound of [...STEP_DURATION_BUCKETS.map(String), '+Inf']) {
            const bucket = entries.find(
              (entry) =>
                entry.name === 'step_duration_bucket' &&
                entry.labels.step === step &&
                entry.labels.le === bound,
            );
            cumulative += bucket?.value ?? 0;
            values.push({
              metricName: 'tidal_remedy_step_duration_seconds_bucket',
              labels: { step, le: bound },
              value: cumulative,
            });
          }
          const of = (name: string) =>
            entries.find((entry) => entry.name === name && entry.labels.step === step)?.value ?? 0;
          values.push({
            metricName: 'tidal_remedy_step_duration_seconds_sum',
            labels: { step },
            value: of('step_duration_sum'),
          });
          values.push({
            metricName: 'tidal_remedy_step_duration_seconds_count',
            labels: { step },
            value: of('step_duration_count'),
          });
        }
        return values;
      },
    ) as never,
  );
  registry.registerMetric(
    computedMetric('tidal_remedy_queue_jobs', 'Jobs in each queue, by state.', 'gauge', async () => {
      const values: MetricValue[] = [];
      for (const queue of options.queues) {
        const counts = await queue.getJobCounts(...QUEUE_STATES);
        for (const state of QUEUE_STATES)
          values.push({ labels: { queue: queue.name, state }, value: counts[state] ?? 0 });
      }
      return values;
    }) as never,
  );
  return registry;
}
