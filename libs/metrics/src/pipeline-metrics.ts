import type { Logger } from '@tidal-remedy/log';
import type { Cluster, Redis } from 'ioredis';

export type JobOutcome = 'completed' | 'failed' | 'retried' | 'rate-limited';

/**
 * What the pipeline counts. Workers record into Redis (every replica adds to the same hash), and the API's
 * `/metrics` exports the sum, so one scrape target shows the whole system.
 */
export interface PipelineMetrics {
  tidalRequest(endpoint: string, status: string): void;
  cacheLookup(step: string, hit: boolean): void;
  stepDuration(step: string, seconds: number): void;
  jobOutcome(queue: string, outcome: JobOutcome): void;
  /** Writes what is buffered. */
  flush(): Promise<void>;
}

/** For mode 1, where the report carries the figures and nothing is scraped. */
export const noMetrics: PipelineMetrics = {
  tidalRequest() {},
  cacheLookup() {},
  stepDuration() {},
  jobOutcome() {},
  flush: async () => {},
};

/** Upper bounds of the step-duration histogram, in seconds. */
export const STEP_DURATION_BUCKETS = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300] as const;

/** The one hash every replica adds to. */
export function metricsKey(prefix: string): string {
  return `${prefix}:metrics`;
}

/** A hash field: metric name and its labels, in a form that splits back unambiguously. */
export function metricField(name: string, labels: Record<string, string>): string {
  return `${name}\u0001${JSON.stringify(labels)}`;
}

export function parseMetricField(field: string): { name: string; labels: Record<string, string> } | null {
  const at = field.indexOf('\u0001');
  if (at < 0) return null;
  try {
    return { name: field.slice(0, at), labels: JSON.parse(field.slice(at + 1)) };
  } catch {
    return null;
  }
}

/** Buffers increments and adds them to Redis once a second (and on flush), in one round trip. */
export class RedisPipelineMetrics implements PipelineMetrics {
  private pending = new Map<string, number>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly redis: Redis | Cluster,
    private readonly prefix: string,
    private readonly logger?: Logger,
    flushEveryMs = 1_000,
  ) {
    this.timer = setInterval(() => void this.flush(), flushEveryMs);
    this.timer.unref();
  }

  private add(name: string, labels: Record<string, string>, value = 1): void {
    const field = metricField(name, labels);
    this.pending.set(field, (this.pending.get(field) ?? 0) + value);
  }

  tidalRequest(endpoint: string, status: string): void {
    this.add('tidal_requests', { endpoint, status });
  }

  cacheLookup(step: string, hit: boolean): void {
    this.add('cache_lookups', { step, result: hit ? 'hit' : 'miss' });
  }

  stepDuration(step: string, seconds: number): void {
    const bucket = STEP_DURATION_BUCKETS.find((bound) => seconds <= bound);
    this.add('step_duration_bucket', { step, le: bucket === undefined ? '+Inf' : String(bucket) });
    this.add('step_duration_sum', { step }, seconds);
    this.add('step_duration_count', { step });
  }

  jobOutcome(queue: string, outcome: JobOutcome): void {
    this.add('jobs', { queue, outcome });
  }

  async flush(): Promise<void> {
    if (this.pending.size === 0) return;
    const batch = this.pending;
    this.pending = new Map();
    const pipeline = this.redis.pipeline();
    for (const [field, value] of batch) pipeline.hincrbyfloat(metricsKey(this.prefix), field, value);
    try {
      await pipeline.exec();
    } catch (error) {
      this.logger?.warn({ err: error }, 'could not write metrics; they are kept for the next flush');
      for (const [field, value] of batch) this.pending.set(field, (this.pending.get(field) ?? 0) + value);
    }
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }
}
