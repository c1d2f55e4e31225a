export { type CacheKeyParts, cacheKey, parseCacheKey } from './cache-key.js';
export { type CachedOptions, cached } from './cached.js';
export { canonicalJson, sha256Hex } from './canonical-json.js';
export { defaultCacheDir, FileStepCache } from './file-cache.js';
export { RedisStepCache } from './redis-cache.js';
export { DEFAULT_CACHE_TTL_SECONDS, type StepCache } from './step-cache.js';
