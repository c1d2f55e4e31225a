import {
  parseTidalCredentials,
  TidalClient,
  type TidalClientOptions,
  type TidalCredentials,
} from '@tidal-remedy/tidal';
import { type EmulatorHandle, type EmulatorOptions, startEmulator } from '@tidal-remedy/tidal-emulator';
import { expect, test } from 'vitest';
import { contractCheck } from '../contract/contract-check.js';
import { FIXTURE, fixtureSeed } from './emulator-fixture.js';

/** Credentials of the fixture's demo user (a refresh token: playlist writes allowed). */
export function userCredentials(): TidalCredentials {
  return parseTidalCredentials({
    client_id: FIXTURE.userClient.clientId,
    client_secret: FIXTURE.userClient.clientSecret,
    refresh_token: FIXTURE.userClient.refreshToken,
  });
}

/** Credentials of a catalog-only client (client_credentials grant). */
export function catalogCredentials(): TidalCredentials {
  return parseTidalCredentials({
    client_id: FIXTURE.catalogClient.clientId,
    client_secret: FIXTURE.catalogClient.clientSecret,
  });
}

/** Fast retries for tests: the behaviour is the same, the waits are not. */
export const FAST_RETRY = { maxRetries: 3, baseDelayMs: 1, maxDelayMs: 5 } as const;

export function clientFor(emulator: EmulatorHandle, options: Partial<TidalClientOptions> = {}): TidalClient {
  return new TidalClient({
    apiUrl: emulator.url,
    authUrl: emulator.authUrl,
    credentials: userCredentials(),
    retry: FAST_RETRY,
    ...options,
  });
}

export async function startFixtureEmulator(options: Partial<EmulatorOptions> = {}): Promise<EmulatorHandle> {
  return startEmulator({ seed: fixtureSeed(), ...options });
}

/**
 * A test with an emulator on a free port (fixture seed, pages of 7 so that the fixture playlist spans 9
 * pages) and a client factory pointed at it; the emulator is closed after the test. Every request the
 * client sends and every answer the emulator gives is checked against TIDAL's spec (test/contract).
 */
export const emulatorTest = test.extend<{
  emulator: EmulatorHandle;
  makeClient: (options?: Partial<TidalClientOptions>) => TidalClient;
}>({
  // biome-ignore lint/correctness/noEmptyPattern: vitest fixtures take their dependencies as a pattern.
  emulator: async ({}, use) => {
    const contract = contractCheck({ requests: true });
    const emulator = await startFixtureEmulator({ pageSize: 7, onExchange: contract.onExchange });
    await use(emulator);
    await emulator.close();
    expect(contract.takeProblems(), 'exchanges outside TIDAL’s spec').toEqual([]);
  },
  makeClient: async ({ emulator }, use) => {
    await use((options) => clientFor(emulator, options));
  },
});

export { FIXTURE };
