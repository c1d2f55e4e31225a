import { createPrng, type Prng } from '../../src/prng.js';

/** FNV-1a over UTF-16 code units: a stable 32-bit hash for deriving ids and per-entity seeds from names. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * A seeded random source. Each entity (artist, release) gets its own, seeded from its name, so adding an
 * artist does not reshuffle every other artist's discography.
 */
export class Rng {
  private readonly next: Prng;

  /** mulberry32 (the emulator's own), seeded by a hash of `seed`: never Math.random. */
  constructor(seed: string) {
    this.next = createPrng(hash32(seed));
  }

  float(): number {
    return this.next();
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new RangeError('Rng.pick needs a non-empty list');
    return item;
  }

  /** `count` distinct items in random order (all of them when there are fewer). */
  sample<T>(items: readonly T[], count: number): T[] {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
    }
    return copy.slice(0, count);
  }

  /** A roughly normal value (sum of three uniforms), clamped. */
  around(mean: number, spread: number, min: number, max: number): number {
    const v = mean + ((this.next() + this.next() + this.next() - 1.5) / 1.5) * spread;
    return Math.min(max, Math.max(min, v));
  }
}
