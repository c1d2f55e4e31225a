import { describe, expect, it } from 'vitest';
import { ErrorBackoff } from './error-backoff.js';

describe('ErrorBackoff', () => {
  it('pauses after repeated errors, longer each time they go on, and from the start after a calm spell', () => {
    let now = 0;
    const backoff = new ErrorBackoff({
      threshold: 3,
      windowMs: 1_000,
      minMs: 1_000,
      maxMs: 8_000,
      now: () => now,
    });
    const burst = () => [backoff.record(), backoff.record(), backoff.record()];

    expect(backoff.record()).toBe(0);
    now += 2_000; // errors far apart never pause
    expect(backoff.record()).toBe(0);
    now += 2_000;
    expect(burst()).toEqual([0, 0, 1_000]);
    const pauses = [];
    for (let i = 0; i < 5; i++) {
      now += 1_100;
      pauses.push(burst()[2]);
    }
    expect(pauses).toEqual([2_000, 4_000, 8_000, 8_000, 8_000]);
    now += 60_000;
    expect(burst()[2]).toBe(1_000);
  });
});
