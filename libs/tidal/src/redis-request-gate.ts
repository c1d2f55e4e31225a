import type { Cluster, Redis } from 'ioredis';
import { type RateLimit, type RequestGate, toleranceMs, waitFor } from './request-gate.js';

/**
 * GCRA in Redis, with Redis's own clock (TIME), so replicas on machines whose clocks differ still agree.
 * KEYS[1]: the theoretical arrival time; KEYS[2]: paused-until. ARGV: interval ms, tolerance ms.
 * Returns the wait in ms; 0 means the request took its slot.
 */
const ACQUIRE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local paused = tonumber(redis.call('GET', KEYS[2]) or '0')
if paused > now then return paused - now end
local interval = tonumber(ARGV[1])
local tat = tonumber(redis.call('GET', KEYS[1]) or '0')
if tat < now then tat = now end
local allowed = tat - tonumber(ARGV[2])
if allowed > now then return math.ceil(allowed - now) end
redis.call('SET', KEYS[1], tostring(tat + interval), 'PX', math.ceil(tat + interval - now) + 1000)
return 0`;

/** KEYS[1]: paused-until. ARGV[1]: pause ms. Never shortens a pause already set. */
const PAUSE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local until_ms = now + tonumber(ARGV[1])
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if until_ms > current then redis.call('SET', KEYS[1], tostring(until_ms), 'PX', tonumber(ARGV[1]) + 1000) end
return 0`;

/** A gate shared by every replica through Redis: `<prefix>:tidal:rate` and `<prefix>:tidal:paused-until`. */
export class RedisRequestGate implements RequestGate {
  private readonly keys: [string, string];

  constructor(
    private readonly redis: Redis | Cluster,
    private readonly limit: RateLimit,
    prefix = '{tidal-remedy}',
  ) {
    this.keys = [`${prefix}:tidal:rate`, `${prefix}:tidal:paused-until`];
  }

  /** The wait before the next request may go; 0 took the slot. */
  async tryAcquire(): Promise<number> {
    const interval = 1000 / this.limit.perSecond;
    const tolerance = toleranceMs(this.limit);
    return Number(await this.redis.eval(ACQUIRE, 2, ...this.keys, interval, tolerance));
  }

  async acquire(signal?: AbortSignal): Promise<void> {
    for (let wait = await this.tryAcquire(); wait > 0; wait = await this.tryAcquire())
      await waitFor(wait, signal);
  }

  async pause(ms: number): Promise<void> {
    await this.redis.eval(PAUSE, 1, this.keys[1], Math.ceil(ms));
  }
}
