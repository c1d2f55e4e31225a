import { connectRedis, deletePrefix, testPrefix } from '@tidal-remedy/test-support/redis';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RemedyStore } from './remedy-store.js';

const REQUEST = {
  playlist: '4b1c5e2a-7d3f-4e8a-9c6b-2f0d1e3a5b7c',
  mode: 'new',
  unmatched: 'keep',
  countryCode: 'US',
  refresh: false,
} as const;

let redis: Redis;
let store: RemedyStore;
const prefix = testPrefix('remedies');
beforeAll(() => {
  redis = connectRedis();
  store = new RemedyStore(redis, prefix);
});
afterAll(async () => {
  await deletePrefix(redis, prefix);
  redis.disconnect();
});

describe('RemedyStore', () => {
  it('makes ids BullMQ accepts: no colon, not all digits, URL-safe', () => {
    for (let i = 0; i < 100; i++) expect(RemedyStore.newId()).toMatch(/^rem-[A-Za-z0-9_-]{10,}$/);
  });

  it('creates a queued record and reads it back', async () => {
    const { record, created } = await store.create(REQUEST);
    expect(created).toBe(true);
    expect(record).toMatchObject({ state: 'queued', run: 0, request: REQUEST, error: null, reportRef: null });
    expect(record.progress).toEqual({ items: null, unavailable: null, matched: 0 });
    expect(await redis.ttl(`${prefix}:remedy:${record.id}`)).toBeGreaterThan(0);
  });

  it('returns the same remedy for a repeated idempotency key', async () => {
    const first = await store.create(REQUEST, 'client-key-1');
    const second = await store.create({ ...REQUEST, mode: 'dry-run' }, 'client-key-1');
    expect(second.created).toBe(false);
    expect(second.record.id).toBe(first.record.id);
    const other = await store.create(REQUEST, 'client-key-2');
    expect(other.record.id).not.toBe(first.record.id);
  });

  it('creates one remedy when replicas race with the same idempotency key', async () => {
    // Separate connections, as separate API replicas have.
    const replicas = [connectRedis(), connectRedis(), connectRedis(), connectRedis()];
    try {
      const results = await Promise.all(
        replicas.map((connection) => new RemedyStore(connection, prefix).create(REQUEST, 'raced-key')),
      );
      expect(new Set(results.map((result) => result.record.id)).size).toBe(1);
      expect(results.filter((result) => result.created)).toHaveLength(1);
      const records = await redis.keys(`${prefix}:remedy:${results[0]!.record.id}`);
      expect(records).toHaveLength(1);
    } finally {
      for (const connection of replicas) connection.disconnect();
    }
  });

  it('records state, timestamps, progress and refs', async () => {
    const { record } = await store.create(REQUEST);
    await store.setState(record.id, 0, 'fetching');
    await store.setState(record.id, 0, 'matching', {
      playlistName: 'Road Trip',
      items: 60,
      unavailable: 3,
      snapshotRef: 's',
    });
    await store.markMatched(record.id, 0, [4]);
    await store.markMatched(record.id, 0, [4, 9]);
    await store.markMatched(record.id, 0, []);
    const read = (await store.get(record.id))!;
    expect(read).toMatchObject({ state: 'matching', playlistName: 'Road Trip', snapshotRef: 's' });
    expect(read.progress).toEqual({ items: 60, unavailable: 3, matched: 2 });
    expect(read.timestamps.fetchStartedAt).not.toBeNull();
    expect(read.timestamps.matchStartedAt).not.toBeNull();
  });

  it('keeps a failure with its step and reason, and retries it as a new run', async () => {
    const { record } = await store.create(REQUEST);
    await store.fail(record.id, 0, 'fetch', 'TIDAL has no playlist with this id');
    const failed = (await store.get(record.id))!;
    expect(failed.state).toBe('failed');
    expect(failed.error).toMatchObject({ step: 'fetch', message: 'TIDAL has no playlist with this id' });

    expect(await store.startNextRun(record.id)).toBe(1);
    const retried = (await store.get(record.id))!;
    expect(retried).toMatchObject({ state: 'queued', run: 1, error: null });
    expect(await store.startNextRun(record.id)).toBeNull();
  });

  it('never moves a run backwards: a fetch job run again after its worker died leaves a done remedy done', async () => {
    const { record } = await store.create(REQUEST);
    for (const state of ['fetching', 'matching', 'publishing'] as const) {
      expect(await store.setState(record.id, 0, state)).toBe(true);
    }
    expect(await store.setState(record.id, 0, 'done', { reportRef: 'r' })).toBe(true);
    // The chaos test's finding: the fetcher died after handing off; its job ran again after publish ended.
    expect(await store.setState(record.id, 0, 'fetching')).toBe(false);
    expect(await store.setState(record.id, 0, 'matching', { items: 1 })).toBe(false);
    expect(await store.setState(record.id, 0, 'done', { reportRef: 'r' })).toBe(true);
    expect((await store.get(record.id))!).toMatchObject({ state: 'done', reportRef: 'r' });
    await store.fail(record.id, 0, 'publish', 'boom');
    expect(await store.setState(record.id, 0, 'publishing')).toBe(false);
    expect((await store.get(record.id))!.state).toBe('failed');
  });

  it('records the playlist name while fetching, for its run only', async () => {
    const { record } = await store.create(REQUEST);
    await store.setState(record.id, 0, 'fetching');
    expect(await store.recordPlaylistName(record.id, 1, 'Stale')).toBe(false);
    expect((await store.get(record.id))!.playlistName).toBeNull();
    expect(await store.recordPlaylistName(record.id, 0, 'Road trip')).toBe(true);
    const read = (await store.get(record.id))!;
    expect(read).toMatchObject({ state: 'fetching', playlistName: 'Road trip' });
  });

  it('ignores updates from a superseded run', async () => {
    const { record } = await store.create(REQUEST);
    await store.fail(record.id, 0, 'match', 'boom');
    await store.startNextRun(record.id);
    expect(await store.setState(record.id, 0, 'done', { reportRef: 'stale' })).toBe(false);
    expect(await store.setState(record.id, 1, 'fetching')).toBe(true);
    expect((await store.get(record.id))!.state).toBe('fetching');
  });

  it('approves a run awaiting review once, moving it to publishing with the approval kept', async () => {
    const { record } = await store.create({ ...REQUEST, mode: 'review' });
    const approval = {
      mode: 'in-place' as const,
      overrides: [{ position: 3, action: 'reject' as const }],
      approvedAt: '2026-11-22T10:00:00.000Z',
    };
    expect(await store.approve(record.id, 0, approval)).toBe(false);
    await store.setState(record.id, 0, 'awaiting-review', { reportRef: 'draft' });
    expect(await store.approve(record.id, 1, approval)).toBe(false);
    const racing = await Promise.all([
      store.approve(record.id, 0, approval),
      store.approve(record.id, 0, { ...approval, mode: 'new' }),
    ]);
    expect(racing.filter(Boolean)).toHaveLength(1);
    const approved = (await store.get(record.id))!;
    expect(approved.state).toBe('publishing');
    expect(approved.approval?.overrides).toEqual(approval.overrides);
    expect(approved.timestamps.publishStartedAt).not.toBeNull();

    await store.fail(record.id, 0, 'publish', 'boom');
    await store.startNextRun(record.id);
    expect((await store.get(record.id))!.approval).toBeNull();
  });

  it('returns null for an unknown remedy', async () => {
    expect(await store.get('rem-doesnotexist')).toBeNull();
  });
});
