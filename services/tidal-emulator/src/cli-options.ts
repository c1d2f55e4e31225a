import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { type EmulatorKnobs, EmulatorKnobsSchema } from './options.js';

export const DEFAULT_PORT = 8090;
export const DEFAULT_SEED_PATH = fileURLToPath(new URL('../seed/catalog.json', import.meta.url));

export interface CliOptions {
  seedPath: string;
  knobs: EmulatorKnobs;
}

/** Each knob: its flag and its environment variable. A flag wins over the variable. */
const SOURCES = {
  seed: { env: 'TIDAL_EMULATOR_SEED' },
  host: { env: 'TIDAL_EMULATOR_HOST' },
  port: { env: 'PORT' },
  'latency-ms': { env: 'TIDAL_EMULATOR_LATENCY_MS' },
  'error-rate': { env: 'TIDAL_EMULATOR_ERROR_RATE' },
  'rate-limit-rps': { env: 'TIDAL_EMULATOR_RATE_LIMIT_RPS' },
  'rate-limit-burst': { env: 'TIDAL_EMULATOR_RATE_LIMIT_BURST' },
  'token-lifetime-seconds': { env: 'TIDAL_EMULATOR_TOKEN_LIFETIME_SECONDS' },
  'prng-seed': { env: 'TIDAL_EMULATOR_PRNG_SEED' },
  'page-size': { env: 'TIDAL_EMULATOR_PAGE_SIZE' },
} as const;
type Knob = keyof typeof SOURCES;

/** Every environment variable the standalone emulator reads (libs/config's emulatorEnv documents them). */
export const EMULATOR_ENV_VARIABLES: readonly string[] = Object.values(SOURCES).map((source) => source.env);

export class CliOptionsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliOptionsError';
  }
}

const number = (name: string) =>
  z
    .string()
    .trim()
    .regex(/^-?\d+(\.\d+)?$/, `${name} must be a number`)
    .transform(Number);

/** Reads the standalone emulator's options from flags (`--seed FILE --port N …`) and environment. */
export function readCliOptions(argv: string[], env: NodeJS.ProcessEnv): CliOptions {
  let flags: Partial<Record<Knob, string>>;
  try {
    flags = parseArgs({
      // `pnpm … start -- --port 1` hands the script a literal `--`.
      args: argv[0] === '--' ? argv.slice(1) : argv,
      options: Object.fromEntries(Object.keys(SOURCES).map((name) => [name, { type: 'string' }])) as Record<
        Knob,
        { type: 'string' }
      >,
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    throw new CliOptionsError(
      `${(error as Error).message}. Flags: ${Object.keys(SOURCES)
        .map((f) => `--${f}`)
        .join(' ')}`,
    );
  }
  const value = (knob: Knob): string | undefined => flags[knob] ?? env[SOURCES[knob].env];
  const parse = (knob: Knob): number | undefined => {
    const raw = value(knob);
    if (raw === undefined) return undefined;
    const result = number(`--${knob} (${SOURCES[knob].env})`).safeParse(raw);
    if (!result.success) throw new CliOptionsError(result.error.issues[0]?.message ?? `bad --${knob}`);
    return result.data;
  };
  const rps = parse('rate-limit-rps');
  const burst = parse('rate-limit-burst');
  const knobs = EmulatorKnobsSchema.safeParse({
    host: value('host'),
    port: parse('port') ?? DEFAULT_PORT,
    latencyMs: parse('latency-ms'),
    errorRate: parse('error-rate'),
    rateLimit:
      rps === undefined ? null : { requestsPerSecond: rps, burst: burst ?? Math.max(1, Math.ceil(rps)) },
    tokenLifetimeSeconds: parse('token-lifetime-seconds'),
    prngSeed: parse('prng-seed'),
    pageSize: parse('page-size'),
  });
  if (!knobs.success) throw new CliOptionsError(`Invalid emulator options:\n${z.prettifyError(knobs.error)}`);
  return { seedPath: value('seed') ?? DEFAULT_SEED_PATH, knobs: knobs.data };
}
