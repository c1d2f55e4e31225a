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

/**
 * Creates a watch unless there are `limit` already: the count and the write in one step, so concurrent
 * creates cannot pass the cap together. KEYS: watch hash, index. ARGV: limit, score (ms), id, then the
 * hash's fields and values. Returns 1, or 0 at the cap.
 */
const CREATE_CAPPED = `
if redis.call('ZCARD', KEYS[2]) >= tonumber(ARGV[1]) then return 0 end
redis.call('HSET', KEYS[1], unpack(ARGV, 4))
redis.call('ZADD', KEYS[2], ARGV[2], ARGV[3])
return 1`;

/** How many watches one deployment keeps, unless told otherwise (WATCH_LIMIT). */
export const DEFAULT_WATCH_LIMIT = 1_000;

/** Refused: there are as many watches as the limit allows. */
export class WatchLimitError extends Error {
  constructor(readonly limit: number) {
    super(
      `There are already ${limit} watches, the most this deployment keeps (WATCH_LIMIT). Delete watches no longer needed (DELETE /v1/watches/:id, or pnpm remedy watch remove), or raise WATCH_LIMIT.`,
    );
    this.name = 'WatchLimitError';
  }
}

/** A cursor that is not one GET /v1/watches gave. */
export class InvalidWatchCursorError extends Error {
  constructor() {
    super('The cursor is not one GET /v1/watches gave; start again without it.');
    this.name = 'InvalidWatchCursorError';
  }
}

/** One page of watches, oldest first, and the cursor of the next (null on the last). */
export interface WatchPage {
  watches: StoredWatch[];
  nextCursor: string | null;
}

const COUNT_SKIP = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
return redis.call('HINCRBY', KEYS[1], 'skipped', 1)`;

/** Watches in Redis: one hash each, a sorted set of its latest remedies, and an index of all watches. */
export class WatchStore {
  constructor(
    private readonly redis: RedisConnection,
    private readonly prefix: string,
    /** The most watches it keeps; a create past it is a WatchLimitError. */
    private readonly limit: number = DEFAULT_WATCH_LIMIT,
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
    const fields = {
      id,
      request: JSON.stringify(request),
      schedule: JSON.stringify(schedule),
      createdAt: now.toISOString(),
      runs: '0',
      skipped: '0',
    };
    const created = await this.redis.eval(
      CREATE_CAPPED,
      2,
      this.key(id),
      this.indexKey(),
      this.limit,
      now.getTime(),
      id,
      ...Object.entries(fields).flat(),
    );
    if (Number(created) !== 1) throw new WatchLimitError(this.limit);
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

  /**
   * Up to `limit` watches, oldest first, after `cursor` (from the page before). The cursor names the last
   * watch given (its time and id), so a watch deleted meanwhile moves no other across a page boundary.
   */
  async page(cursor: string | null, limit: number): Promise<WatchPage> {
    let after: { score: number; id: string } | null = null;
    if (cursor !== null) {
      const match = /^(\d{1,16})\.(wat-[A-Za-z0-9_-]{1,64})$/.exec(
        Buffer.from(cursor, 'base64url').toString('utf8'),
      );
      if (!match) throw new InvalidWatchCursorError();
      after = { score: Number(match[1]), id: match[2]! };
    }
    // Equal times are ordered by id (Redis orders equal scores by member): those up to the cursor's are
    // skipped. A few more than asked are read so that ties at the boundary still fill the page.
    const raw = await this.redis.zrange(
      this.indexKey(),
      after === null ? '-inf' : after.score,
      '+inf',
      'BYSCORE',
      'LIMIT',
      0,
      limit + 1 + (after === null ? 0 : 64),
      'WITHSCORES',
    );
    const entries: Array<{ id: string; score: number }> = [];
    for (let i = 0; i < raw.length; i += 2) entries.push({ id: raw[i]!, score: Number(raw[i + 1]) });
    const rest = entries.filter(
      (entry) => after === null || entry.score > after.score || entry.id > after.id,
    );
    const taken = rest.slice(0, limit);
    const last = taken.at(-1);
    const nextCursor =
      rest.length > limit && last
        ? Buffer.from(`${last.score}.${last.id}`, 'utf8').toString('base64url')
        : null;
    const watches = await Promise.all(taken.map((entry) => this.get(entry.id)));
    return { watches: watches.filter((watch): watch is StoredWatch => watch !== null), nextCursor };
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
