import { cacheKey } from '@tidal-remedy/cache';
import type { ExplicitPolicy, Track } from '@tidal-remedy/contracts';

/**
 * The cache key of one track's match decision. It names the track and what matching reads of it, the
 * country and the explicitness policy (a decision made under `allow` is never served to a `strict`
 * remedy), so the same unavailable track in many playlists is matched once per country, policy and
 * version.
 */
export function matchKey(
  prefix: string,
  version: string,
  original: Track,
  countryCode: string,
  explicit: ExplicitPolicy,
): string {
  return cacheKey({
    prefix,
    step: 'match',
    version,
    inputs: {
      countryCode,
      explicitPolicy: explicit,
      id: original.id,
      isrc: original.isrc,
      title: original.title,
      version: original.version,
      artists: original.artists.map((artist) => artist.name),
      durationMs: original.durationMs,
      explicit: original.explicit,
    },
  });
}
