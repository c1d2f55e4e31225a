export { SeedReferenceError } from './catalog.js';
export { DEFAULT_PORT, DEFAULT_SEED_PATH } from './cli-options.js';
export type { EmulatorLogger } from './context.js';
export { type EmulatorHandle, type EmulatorOptions, startEmulator } from './emulator.js';
export type { Fault, FaultInput } from './faults.js';
export {
  DOCUMENTED_RELATIONSHIPS,
  MAX_INCLUDE_DEPTH,
  MAX_INCLUDED_RESOURCES,
  SERVED_RELATIONSHIPS,
} from './includes.js';
export { OPERATIONS, type OperationSecurity } from './operations.js';
export { type EmulatorKnobs, type EmulatorKnobsInput, EmulatorKnobsSchema } from './options.js';
export type { PlaylistItemState, PlaylistState } from './playlist-store.js';
export { createPrng, type Prng, randomUuid } from './prng.js';
export type { ApiExchange, RequestLogEntry } from './request-log.js';
export { MAX_QUERY_LENGTH } from './search-routes.js';
export { BENCH_ACCOUNT, DEMO_ACCOUNT, seedCredentials } from './seed-accounts.js';
export { loadSeedFile, SeedFileError } from './seed-file.js';
export * from './seed-schema.js';
