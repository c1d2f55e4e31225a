import { z } from 'zod';

/** The emulator's knobs; every one has a default, so `{ seed }` alone starts a well-behaved TIDAL. */
export const EmulatorKnobsSchema = z.object({
  /** Interface to listen on; containers need 0.0.0.0. */
  host: z.string().min(1).default('127.0.0.1'),
  /** 0 picks a free port. */
  port: z.number().int().min(0).max(65535).default(0),
  /** Added to every API and token request before it is handled. */
  latencyMs: z.number().int().nonnegative().default(0),
  /** Share of API requests answered with an injected 500, drawn from the seeded PRNG. */
  errorRate: z.number().min(0).max(1).default(0),
  /** Per-client token bucket; above it a 429 with Retry-After. null: unlimited. */
  rateLimit: z
    .object({ requestsPerSecond: z.number().positive(), burst: z.number().int().positive() })
    .nullable()
    .default(null),
  /** Lifetime of issued access tokens (TIDAL's `expires_in`). */
  tokenLifetimeSeconds: z.number().int().positive().default(3600),
  /** Seeds the PRNGs behind injected faults, issued ids and tokens. */
  prngSeed: z.number().int().default(1),
  /** Items per page of every paged relationship and of a single-ISRC lookup. */
  pageSize: z.number().int().positive().max(1000).default(20),
  /** Most values `filter[id]` / `filter[isrc]` accept in one request. */
  maxFilterValues: z.number().int().positive().default(20),
  /**
   * Whether tracks carry the `availability` attribute, deprecated since spec 1.1.7 in favour of usage rules
   * ("will be removed"): false serves TIDAL as it will be once it is gone.
   */
  sendAvailability: z.boolean().default(true),
});
export type EmulatorKnobsInput = z.input<typeof EmulatorKnobsSchema>;
export type EmulatorKnobs = z.output<typeof EmulatorKnobsSchema>;
