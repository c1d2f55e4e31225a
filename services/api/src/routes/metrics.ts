import type { RequestHandler } from 'express';
import type { Registry } from 'prom-client';
import { withinRedisDeadline } from '../redis-guard.js';

const SCRAPE_DEADLINE_MS = 5_000;

/** `GET /metrics`: the whole pipeline's metrics in Prometheus text format (read from Redis at scrape). */
export function metricsHandler(registry: Registry): RequestHandler {
  return async (_request, response) => {
    const text = await withinRedisDeadline(registry.metrics(), SCRAPE_DEADLINE_MS);
    response.set('Content-Type', registry.contentType).send(text);
  };
}
