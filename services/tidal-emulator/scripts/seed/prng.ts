/** FNV-1a over UTF-16 code units: a stable 32-bit hash for deriving ids and per-entity seeds from names. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: tiny, fast and good enough for catalog noise; never Math.random, so every run is identical. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A seeded random source. Each entity (artist, release) gets its own, seeded from its name, so adding an
 * artist does not reshuffle every other artist's discography.
 */
export class Rng {
  private readonly next: () => number;

  constructor(seed: string) {
    this.next = mulberry32(hash32(seed));
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
