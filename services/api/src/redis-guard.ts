import type { RedisConnection } from '@tidal-remedy/queue';
import type { RequestHandler } from 'express';
import { RedisUnavailableError } from './http-error.js';

/**
 * Answers 503 at once when the Redis connection is not up. The producer connection fails its commands
 * fast, but a BullMQ queue first waits for the connection to be ready, which would hang the request.
 */
export function requireRedis(redis: RedisConnection): RequestHandler {
  return (_request, _response, next) => {
    next(redis.status === 'ready' ? undefined : new RedisUnavailableError());
  };
}

/** Rejects with a 503 when `promise` has not settled within `ms`: a request never waits on Redis for long. */
export async function withinRedisDeadline<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new RedisUnavailableError()), ms);
  });
  try {
    return await Promise.race([promise, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** Messages ioredis and BullMQ give a command that could not reach Redis. */
const CONNECTION_MESSAGES = /Stream isn't writeable|Connection is closed|enableOfflineQueue/;
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENOTFOUND',
]);

/**
 * Replies of a Redis that cannot serve the prefix's slot now: a node that does not own it (a Cluster named
 * by REDIS_URL alone, or a slot that moved), a cluster or master in failover, a demoted master, a Redis
 * still loading its data.
 */
const UNAVAILABLE_REPLIES = /^(MOVED|ASK|TRYAGAIN|CLUSTERDOWN|MASTERDOWN|READONLY|LOADING)\b/;

/**
 * Whether an error is Redis being unreachable, or unable to serve us now, rather than a fault of ours.
 * The connection's status lags behind a dropped socket by an event-loop turn, so a command can fail before
 * the status says so. A transaction refused (EXECABORT) counts when a command in it met such a reply.
 */
export function isRedisConnectionError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as NodeJS.ErrnoException).code;
  const previous = (error as { previousErrors?: unknown }).previousErrors;
  return (
    error.name === 'MaxRetriesPerRequestError' ||
    CONNECTION_MESSAGES.test(error.message) ||
    UNAVAILABLE_REPLIES.test(error.message) ||
    (Array.isArray(previous) && previous.some(isRedisConnectionError)) ||
    (code !== undefined && CONNECTION_CODES.has(code))
  );
}
