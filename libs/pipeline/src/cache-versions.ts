import type { StepName } from '@tidal-remedy/contracts';

/**
 * Each step's cache version, as Flyte's `cache_version`: bump one when that step's output would change for
 * the same inputs (a new field, a better matcher), and only that step's entries are recomputed.
 */
export const STEP_CACHE_VERSIONS: Record<StepName, string> = {
  // v2: albums carry their cover (issue 16), the snapshot where TIDAL's web player shows it (webBase).
  fetch: 'v2',
  // v2: round 2 of matching (issue 17): compilations without an album type, explicitness policy in the key.
  // v3: candidates' albums carry their cover (issue 16).
  match: 'v3',
  // v2: the published playlist's url is null when the remedy did not run against TIDAL (issue 16).
  publish: 'v2',
};

export type CacheVersions = Record<StepName, string>;

/** The versions in code, each overridable by `FETCH_CACHE_VERSION`, `MATCH_CACHE_VERSION`, `PUBLISH_CACHE_VERSION`. */
export function cacheVersionsFrom(overrides: {
  FETCH_CACHE_VERSION?: string | undefined;
  MATCH_CACHE_VERSION?: string | undefined;
  PUBLISH_CACHE_VERSION?: string | undefined;
}): CacheVersions {
  return {
    fetch: overrides.FETCH_CACHE_VERSION || STEP_CACHE_VERSIONS.fetch,
    match: overrides.MATCH_CACHE_VERSION || STEP_CACHE_VERSIONS.match,
    publish: overrides.PUBLISH_CACHE_VERSION || STEP_CACHE_VERSIONS.publish,
  };
}
