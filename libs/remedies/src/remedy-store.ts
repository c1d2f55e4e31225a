import { createHash, randomBytes } from 'node:crypto';
import {
  type Approval,
  type RemedyRecord,
  RemedyRecordSchema,
  type RemedyState,
  type ResolvedRemedyRequestSchema,
} from '@tidal-remedy/contracts';
import type { RedisConnection } from '@tidal-remedy/queue';
import type { z } from 'zod';

type ResolvedRequest = z.output<typeof ResolvedRemedyRequestSchema>;

const RECORD_TTL_SECONDS = 30 * 24 * 60 * 60;
const IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;

/** Fields a step may set along with a state change. */
export interface RemedyUpdate {
  playlistName?: string;
  items?: number;
  unavailable?: number;
  snapshotRef?: string;
  reportRef?: string;
}

const STARTED_FIELD: Partial<Record<RemedyState, string>> = {
  fetching: 'fetchStartedAt',
  matching: 'matchStartedAt',
  publishing: 'publishStartedAt',
  done: 'finishedAt',
  failed: 'finishedAt',
};

/**
 * Writes the fields only while the record is on the given run, so a late job of an earlier run (a retry
 * that was overtaken) cannot overwrite the current run's state. KEYS[1] record; ARGV[1] run; then pairs.
 */
const UPDATE_IF_RUN = `
if redis.call('HGET', KEYS[1], 'run') ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], unpack(ARGV, 2))
redis.call('EXPIRE', KEYS[1], ${RECORD_TTL_SECONDS})
return 1`;

/**
 * setState's update: as UPDATE_IF_RUN, and never backwards along queued → fetching → matching →
 * awaiting-review → publishing → done (failed last: only `fail` sets it). A job that runs again after its
 * worker died, once later steps have moved the run on, must not set it back (it would stay there).
 * ARGV: run, the new state, then the fields and values.
 */
const SET_STATE_FORWARD = `
if redis.call('HGET', KEYS[1], 'run') ~= ARGV[1] then return 0 end
local order = { queued = 0, fetching = 1, matching = 2, ['awaiting-review'] = 3, publishing = 4, done = 5, failed = 6 }
local current = order[redis.call('HGET', KEYS[1], 'state') or '']
if current ~= nil and current > order[ARGV[2]] then return 0 end
redis.call('HSET', KEYS[1], unpack(ARGV, 3))
redis.call('EXPIRE', KEYS[1], ${RECORD_TTL_SECONDS})
return 1`;

/** Remedy records in Redis: one hash per remedy, one set of matched positions per run. */
export class RemedyStore {
  constructor(
    private readonly redis: RedisConnection,
    private readonly prefix: string,
  ) {}

  /** `rem-` + time + randomness: sortable, URL-safe, never all digits, no `:` (BullMQ job ids). */
  static newId(): string {
    return `rem-${Date.now().toString(36)}${randomBytes(6).toString('base64url')}`;
  }

  private key(id: string): string {
    return `${this.prefix}:remedy:${id}`;
  }

  private matchedKey(id: string, run: number): string {
    return `${this.prefix}:remedy:${id}:matched:${run}`;
  }

  private idempotencyKey(key: string): string {
    return `${this.prefix}:idempotency:${createHash('sha256').update(key).digest('hex')}`;
  }

  /**
   * Creates a remedy, or, when `idempotencyKey` was already used (within a day), returns the remedy that
   * key created: a client that repeats a request after a timeout does not start a second run.
   */
  async create(
    request: ResolvedRequest,
    idempotencyKey?: string,
  ): Promise<{ record: RemedyRecord; created: boolean }> {
    const id = RemedyStore.newId();
    const now = new Date().toISOString();
    // The record is written before the key is claimed: whoever finds the key taken finds its remedy too,
    // even when two API replicas race with the same key.
    await this.redis
      .multi()
      .hset(this.key(id), {
        id,
        request: JSON.stringify(request),
        state: 'queued',
        run: '0',
        createdAt: now,
        updatedAt: now,
      })
      .expire(this.key(id), RECORD_TTL_SECONDS)
      .exec();
    if (idempotencyKey !== undefined) {
      const key = this.idempotencyKey(idempotencyKey);
      const claimed = await this.redis.set(key, id, 'EX', IDEMPOTENCY_TTL_SECONDS, 'NX');
      if (claimed === null) {
        const existingId = await this.redis.get(key);
        const existing = existingId ? await this.get(existingId) : null;
        if (existing) {
          await this.redis.del(this.key(id));
          return { record: existing, created: false };
        }
        // The key outlived its remedy (deleted by hand): this request takes the key over.
        await this.redis.set(key, id, 'EX', IDEMPOTENCY_TTL_SECONDS);
      }
    }
    return { record: (await this.get(id))!, created: true };
  }

  async get(id: string): Promise<RemedyRecord | null> {
    const fields = await this.redis.hgetall(this.key(id));
    if (!fields.id) return null;
    const run = Number(fields.run ?? 0);
    const matched = await this.redis.scard(this.matchedKey(id, run));
    const optionalNumber = (value: string | undefined) => (value === undefined ? null : Number(value));
    return RemedyRecordSchema.parse({
      id: fields.id,
      request: JSON.parse(fields.request ?? '{}'),
      state: fields.state,
      run,
      playlistName: fields.playlistName ?? null,
      progress: {
        items: optionalNumber(fields.items),
        unavailable: optionalNumber(fields.unavailable),
        matched,
      },
      timestamps: {
        createdAt: fields.createdAt,
        updatedAt: fields.updatedAt ?? fields.createdAt,
        fetchStartedAt: fields.fetchStartedAt ?? null,
        matchStartedAt: fields.matchStartedAt ?? null,
        publishStartedAt: fields.publishStartedAt ?? null,
        finishedAt: fields.finishedAt ?? null,
      },
      error: fields.error ? JSON.parse(fields.error) : null,
      snapshotRef: fields.snapshotRef ?? null,
      reportRef: fields.reportRef ?? null,
      approval: fields.approval ? JSON.parse(fields.approval) : null,
    });
  }

  /**
   * Moves a run to `state`, with the fields that step learned; ignored (false) if the run was superseded or
   * is past `state` already (a step run again after a crash finds later steps done).
   */
  async setState(id: string, run: number, state: RemedyState, update: RemedyUpdate = {}): Promise<boolean> {
    const now = new Date().toISOString();
    const fields: Record<string, string> = { state, updatedAt: now };
    const started = STARTED_FIELD[state];
    if (started) fields[started] = now;
    for (const [name, value] of Object.entries(update)) {
      if (value !== undefined) fields[name] = String(value);
    }
    const args = Object.entries(fields).flat();
    return (await this.redis.eval(SET_STATE_FORWARD, 1, this.key(id), String(run), state, ...args)) === 1;
  }

  /**
   * Records the playlist's name as soon as the fetch step reads its metadata, so the page's heading shows
   * it while the items are still being read; ignored (false) if the run was superseded.
   */
  async recordPlaylistName(id: string, run: number, playlistName: string): Promise<boolean> {
    return this.updateIfRun(id, run, { playlistName, updatedAt: new Date().toISOString() });
  }

  /** Records that these positions have their decision; idempotent, so a retried job counts once. */
  async markMatched(id: string, run: number, positions: readonly number[]): Promise<void> {
    if (positions.length === 0) return;
    await this.redis
      .multi()
      .sadd(this.matchedKey(id, run), ...positions.map(String))
      .expire(this.matchedKey(id, run), RECORD_TTL_SECONDS)
      .exec();
  }

  /**
   * Records a person's approval of a run awaiting review and moves it to `publishing`, in one step: of two
   * approvals racing, one wins and the other gets false, as does an approval of a run not awaiting review.
   */
  async approve(id: string, run: number, approval: Approval): Promise<boolean> {
    const script = `
      if redis.call('HGET', KEYS[1], 'run') ~= ARGV[1] then return 0 end
      if redis.call('HGET', KEYS[1], 'state') ~= 'awaiting-review' then return 0 end
      redis.call('HSET', KEYS[1], 'state', 'publishing', 'approval', ARGV[2], 'updatedAt', ARGV[3], 'publishStartedAt', ARGV[3])
      redis.call('EXPIRE', KEYS[1], ${RECORD_TTL_SECONDS})
      return 1`;
    const now = new Date().toISOString();
    return (await this.redis.eval(script, 1, this.key(id), String(run), JSON.stringify(approval), now)) === 1;
  }

  async fail(id: string, run: number, step: string, message: string): Promise<boolean> {
    const now = new Date().toISOString();
    return this.updateIfRun(id, run, {
      state: 'failed',
      updatedAt: now,
      finishedAt: now,
      error: JSON.stringify({ step, message, at: now }),
    });
  }

  /**
   * Starts a new run of a failed remedy: the run number goes up (so jobs of the failed run can no longer
   * write), the error is cleared and the state is `queued` again. Returns the new run, or null when the
   * remedy is not in a state that can be retried.
   */
  async startNextRun(id: string): Promise<number | null> {
    const script = `
      local state = redis.call('HGET', KEYS[1], 'state')
      if state ~= 'failed' then return -1 end
      local run = redis.call('HINCRBY', KEYS[1], 'run', 1)
      redis.call('HDEL', KEYS[1], 'error', 'finishedAt', 'fetchStartedAt', 'matchStartedAt', 'publishStartedAt', 'reportRef', 'approval')
      redis.call('HSET', KEYS[1], 'state', 'queued', 'updatedAt', ARGV[1])
      return run`;
    const run = Number(await this.redis.eval(script, 1, this.key(id), new Date().toISOString()));
    return run < 0 ? null : run;
  }

  private async updateIfRun(id: string, run: number, fields: Record<string, string>): Promise<boolean> {
    const args = Object.entries(fields).flat();
    return (await this.redis.eval(UPDATE_IF_RUN, 1, this.key(id), String(run), ...args)) === 1;
  }
}
