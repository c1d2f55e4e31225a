import type { StepCache } from '@tidal-remedy/cache';
import type { Logger } from '@tidal-remedy/log';
import type { TidalClient } from '@tidal-remedy/tidal';
import type { CacheVersions } from './cache-versions.js';

/** What every step runs over. The same steps run in a worker, in the one-process runner and in tests. */
export interface PipelineDeps {
  /** A client whose request stats belong to this job (or this remedy, in one process). */
  tidal: TidalClient;
  cache: StepCache;
  /** Prefix of cache keys: the Redis prefix, one hash tag. */
  prefix: string;
  versions: CacheVersions;
  logger?: Logger;
}
