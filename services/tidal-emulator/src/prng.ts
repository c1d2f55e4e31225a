/**
 * A small seeded pseudo-random generator (mulberry32), so that everything random in the emulator (injected
 * faults, issued ids and tokens) repeats exactly under the same seed.
 */
export type Prng = () => number;

export function createPrng(seed: number): Prng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A random lower-case hex string of `length` characters. */
export function randomHex(prng: Prng, length: number): string {
  let out = '';
  while (out.length < length) out += Math.floor(prng() * 16).toString(16);
  return out;
}

/** A version-4-shaped UUID drawn from `prng` (TIDAL playlist ids are UUIDs). */
export function randomUuid(prng: Prng): string {
  const hex = randomHex(prng, 32);
  const variant = ((Number.parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
