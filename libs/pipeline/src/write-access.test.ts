import { tmpdir } from 'node:os';
import { FileStepCache } from '@tidal-remedy/cache';
import {
  catalogCredentials,
  clientFor,
  FIXTURE,
  emulatorTest as test,
} from '@tidal-remedy/test-support/tidal-emulator';
import { parseTidalCredentials, WriteAccessError } from '@tidal-remedy/tidal';
import { describe, expect } from 'vitest';
import { cacheVersionsFrom } from './cache-versions.js';
import { fetchAndPlan } from './fetch-and-plan.js';
import { assertCanPublish, resolveCountry } from './write-access.js';

const readOnly = () =>
  parseTidalCredentials({
    client_id: FIXTURE.readOnlyClient.clientId,
    client_secret: FIXTURE.readOnlyClient.clientSecret,
    refresh_token: FIXTURE.readOnlyClient.refreshToken,
  });

const apiReads = (requests: { path: string }[]) =>
  requests.filter((request) => !request.path.includes('oauth2'));

describe('a write mode fails fast with credentials that cannot publish', () => {
  test('app credentials: refused before any read, dry-run allowed', async ({ emulator }) => {
    const tidal = clientFor(emulator, { credentials: catalogCredentials() });
    const refused = assertCanPublish(tidal, 'new');
    await expect(refused).rejects.toThrow(WriteAccessError);
    await expect(refused).rejects.toThrow(
      /Mode new cannot publish: the TIDAL credentials are an app’s.*pnpm remedy login/,
    );
    await expect(assertCanPublish(tidal, 'dry-run')).resolves.toBeUndefined();
    expect(apiReads(emulator.requests())).toEqual([]);
  });

  test('a user token without playlists.write: the fetch step (workers and CLI) stops before its first read', async ({
    emulator,
  }) => {
    const tidal = clientFor(emulator, { credentials: readOnly() });
    const deps = {
      tidal,
      cache: new FileStepCache(tmpdir()),
      prefix: '{write-access-test}',
      versions: cacheVersionsFrom({}),
    };
    const started = fetchAndPlan(deps, {
      playlist: FIXTURE.playlistId,
      countryCode: 'US',
      refresh: true,
      mode: 'in-place',
    });
    await expect(started).rejects.toThrow(
      'Mode in-place cannot publish: the TIDAL token lacks the playlists.write scope (it has: playlists.read user.read)',
    );
    await expect(started).rejects.toMatchObject({ retryable: false });
    expect(apiReads(emulator.requests())).toEqual([]);
    await expect(assertCanPublish(clientFor(emulator), 'review')).resolves.toBeUndefined();
  });
});

describe('the country of a remedy', () => {
  test('is the one given, else the account’s, else the default when TIDAL will not say', async ({
    emulator,
  }) => {
    expect(await resolveCountry(clientFor(emulator), 'DE')).toEqual({
      countryCode: 'DE',
      countrySource: 'request',
    });
    const other = parseTidalCredentials({
      client_id: FIXTURE.otherClient.clientId,
      refresh_token: FIXTURE.otherClient.refreshToken,
    });
    expect(await resolveCountry(clientFor(emulator, { credentials: other }), null)).toEqual({
      countryCode: 'GB',
      countrySource: 'account',
    });
    expect(await resolveCountry(clientFor(emulator, { credentials: catalogCredentials() }), null)).toEqual({
      countryCode: 'US',
      countrySource: 'default',
    });
  });
});
