import { randomBytes } from 'node:crypto';
import {
  RECENT_WATCH_RUNS,
  type ResolvedRemedyRequest,
  ResolvedRemedyRequestSchema,
  type WatchSchedule,
  WatchScheduleSchema,
} from '@tidal-remedy/contracts';
import type { RedisConnection } from '@tidal-remedy/queue';

/** A watch as stored: what it runs, and what it has done. Its next run is the scheduler's to say. */
export interface StoredWatch {
  id: string;
  request: ResolvedRemedyRequest;
  schedule: WatchSchedule;
  createdAt: string;
  runs: number;
  skipped: number;
  lastRunAt: string | null;
  /** The scheduler tick that started the latest remedy: a retried tick finds its remedy started. */
  lastTickId: string | null;
  recentRemedies: string[];
}

/**
 * Adds a remedy to a watch's recent runs, only if the watch still exists (a tick may finish after the
 * watch was deleted) and counting it once however often a retried tick records it. KEYS: watch hash,
 * its remedies (sorted by start time). ARGV: start time (ms), remedy id, tick id, start time (ISO), keep.
 */
const RECORD_RUN = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
if redis.call('ZADD', KEYS[2], ARGV[1], ARGV[2]) == 1 then redis.call('HINCRBY', KEYS[1], 'runs', 1) end
redis.call('HSET', KEYS[1], 'lastRunAt', ARGV[4], 'lastTickId', ARGV[3])
redis.call('ZREMRANGEBYRANK', KEYS[2], 0, -(tonumber(ARGV[5]) + 1))
return 1`;

const COUNT_SKIP = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
return redis.call('HINCRBY', KEYS[1], 'skipped', 1)`;

/** Watches in Redis: one hash each, a sorted set of its latest remedies, and an index of all watches. */
export class WatchStore {
  constructor(
    private readonly redis: RedisConnection,
    private readonly prefix: string,
  ) {}

  /** `wat-` + time + randomness: sortable, URL-safe, no `:` (it is also the job scheduler's id). */
  static newId(): string {
    return `wat-${Date.now().toString(36)}${randomBytes(6).toString('base64url')}`;
  }

  private key(id: string): string {
    return `${this.prefix}:watch:${id}`;
  }

  private remediesKey(id: string): string {
    return `${this.prefix}:watch:${id}:remedies`;
  }

  private indexKey(): string {
    return `${this.prefix}:watches`;
  }

  async create(request: ResolvedRemedyRequest, schedule: WatchSchedule): Promise<StoredWatch> {
    const id = WatchStore.newId();
    const now = new Date();
    await this.redis
      .multi()
      .hset(this.key(id), {
        id,
        request: JSON.stringify(request),
        schedule: JSON.stringify(schedule),
        createdAt: now.toISOString(),
        runs: '0',
        skipped: '0',
      })
      .zadd(this.indexKey(), now.getTime(), id)
      .exec();
    return (await this.get(id))!;
  }

  async get(id: string): Promise<StoredWatch | null> {
    const [fields, remedies] = await Promise.all([
      this.redis.hgetall(this.key(id)),
      this.redis.zrevrange(this.remediesKey(id), 0, RECENT_WATCH_RUNS - 1),
    ]);
    if (!fields.id) return null;
    return {
      id: fields.id,
      request: ResolvedRemedyRequestSchema.parse(JSON.parse(fields.request ?? '{}')),
      schedule: WatchScheduleSchema.parse(JSON.parse(fields.schedule ?? '{}')),
      createdAt: fields.createdAt ?? '',
      runs: Number(fields.runs ?? 0),
      skipped: Number(fields.skipped ?? 0),
      lastRunAt: fields.lastRunAt ?? null,
      lastTickId: fields.lastTickId ?? null,
      recentRemedies: remedies,
    };
  }

  /** Every watch, oldest first. */
  async list(): Promise<StoredWatch[]> {
    const ids = await this.redis.zrange(this.indexKey(), 0, -1);
    const watches = await Promise.all(ids.map((id) => this.get(id)));
    return watches.filter((watch): watch is StoredWatch => watch !== null);
  }

  /** Deletes a watch and its run list; false when there was none. */
  async delete(id: string): Promise<boolean> {
    const results = await this.redis
      .multi()
      .del(this.key(id), this.remediesKey(id))
      .zrem(this.indexKey(), id)
      .exec();
    return (results?.[0]?.[1] as number) > 0;
  }

  /** Records that the tick `tickId` started `remedyId`; a no-op for a deleted watch. */
  async recordRun(id: string, remedyId: string, tickId: string, at: Date): Promise<void> {
    await this.redis.eval(
      RECORD_RUN,
      2,
      this.key(id),
      this.remediesKey(id),
      String(at.getTime()),
      remedyId,
      tickId,
      at.toISOString(),
      String(RECENT_WATCH_RUNS),
    );
  }

  /** Counts a tick that started nothing. */
  async recordSkip(id: string): Promise<void> {
    await this.redis.eval(COUNT_SKIP, 1, this.key(id));
  }
}
