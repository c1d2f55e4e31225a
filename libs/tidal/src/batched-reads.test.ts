import pLimit from 'p-limit';
import { describe, expect, it } from 'vitest';
import { BatchedReads } from './batched-reads.js';

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('BatchedReads', () => {
  it('starts a read as soon as a batch is full, reads each id once, and the rest at the end', async () => {
    const batches: string[][] = [];
    const reads = new BatchedReads(3, pLimit(4), async (batch) => {
      batches.push(batch);
      return batch.map((id) => `track ${id}`);
    });
    reads.add(['1', '2']);
    await tick();
    expect(batches).toEqual([]);
    reads.add(['2', '3', '4']);
    await tick();
    expect(batches).toEqual([['1', '2', '3']]);
    reads.add(['1', '5']);
    expect(await reads.done()).toEqual(['track 1', 'track 2', 'track 3', 'track 4', 'track 5']);
    expect(batches).toEqual([
      ['1', '2', '3'],
      ['4', '5'],
    ]);
  });

  it('keeps at most the limit in flight', async () => {
    let inFlight = 0;
    let most = 0;
    const reads = new BatchedReads(1, pLimit(2), async (batch) => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      await tick();
      inFlight -= 1;
      return batch;
    });
    reads.add(['a', 'b', 'c', 'd', 'e']);
    expect(await reads.done()).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(most).toBe(2);
  });

  it('throws a failed read from the next add, so the caller stops reading on, and from done', async () => {
    const failure = new Error('TIDAL is down');
    const reads = new BatchedReads(1, pLimit(1), async (batch) => {
      if (batch[0] === 'bad') throw failure;
      return batch;
    });
    reads.add(['bad']);
    await tick();
    expect(() => reads.add(['next'])).toThrow(failure);
    await expect(reads.done()).rejects.toThrow(failure);
  });
});
