import { emulatorEnv } from '@tidal-remedy/config';
import { describe, expect, it } from 'vitest';
import {
  CliOptionsError,
  DEFAULT_PORT,
  DEFAULT_SEED_PATH,
  EMULATOR_ENV_VARIABLES,
  readCliOptions,
} from './cli-options.js';

describe('readCliOptions', () => {
  it('defaults to the bundled seed on port 8090', () => {
    const { seedPath, knobs } = readCliOptions([], {});
    expect(seedPath).toBe(DEFAULT_SEED_PATH);
    expect(seedPath).toMatch(/services\/tidal-emulator\/seed\/catalog\.json$/);
    expect(knobs).toMatchObject({
      port: DEFAULT_PORT,
      host: '127.0.0.1',
      latencyMs: 0,
      errorRate: 0,
      rateLimit: null,
    });
    expect(DEFAULT_PORT).toBe(8090);
  });

  it('reads the environment, and flags over it (after pnpm’s `--`)', () => {
    const env = {
      PORT: '9000',
      TIDAL_EMULATOR_SEED: '/env/seed.json',
      TIDAL_EMULATOR_LATENCY_MS: '25',
      TIDAL_EMULATOR_RATE_LIMIT_RPS: '5',
      TIDAL_EMULATOR_TOKEN_LIFETIME_SECONDS: '120',
    };
    const { seedPath, knobs } = readCliOptions(
      ['--', '--port', '9100', '--seed', 'flag.json', '--error-rate', '0.1'],
      env,
    );
    expect(seedPath).toBe('flag.json');
    expect(knobs).toMatchObject({
      port: 9100,
      latencyMs: 25,
      errorRate: 0.1,
      rateLimit: { requestsPerSecond: 5, burst: 5 },
      tokenLifetimeSeconds: 120,
    });
  });

  it.each([
    [['--port', 'eighty'], /--port \(PORT\) must be a number/],
    [['--error-rate', '2'], /errorRate/],
    [['--bogus'], /Unknown option '--bogus'/],
  ])('refuses %j', (argv, message) => {
    expect(() => readCliOptions(argv, {})).toThrow(CliOptionsError);
    expect(() => readCliOptions(argv, {})).toThrow(message);
  });
});

describe('the variables the emulator reads', () => {
  it('are exactly those libs/config documents for it (README, compose and k8s are checked against that)', () => {
    const documented = Object.keys(emulatorEnv.shape).filter((name) => name !== 'LOG_LEVEL');
    expect([...EMULATOR_ENV_VARIABLES].sort()).toEqual(documented.sort());
  });
});
