import { canonicalJson, sha256Hex } from './canonical-json.js';

export interface CacheKeyParts {
  /** The Redis prefix, one hash tag such as `{tidal-remedy}`. */
  prefix: string;
  step: string;
  version: string;
  /** Everything the step's output depends on. */
  inputs: unknown;
}

/** `<prefix>:cache:<step>:<version>:<sha256 of the canonical JSON of the inputs>` (design section 6). */
export function cacheKey({ prefix, step, version, inputs }: CacheKeyParts): string {
  return `${prefix}:cache:${step}:${version}:${sha256Hex(canonicalJson(inputs))}`;
}

const KEY = /^(.+):cache:([a-z][a-z0-9-]*):([A-Za-z0-9._-]+):([0-9a-f]{64})$/;

/** The parts of a key made by cacheKey, or null for anything else (a ref from a job payload is checked). */
export function parseCacheKey(
  key: string,
): { prefix: string; step: string; version: string; digest: string } | null {
  const match = KEY.exec(key);
  if (!match) return null;
  const [, prefix, step, version, digest] = match as unknown as [string, string, string, string, string];
  return { prefix, step, version, digest };
}
