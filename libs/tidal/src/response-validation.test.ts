import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { TidalClient } from './client.js';
import { parseTidalCredentials } from './credentials.js';
import { TidalResponseError } from './errors.js';

/** A stand-in for TIDAL that answers every request with one fixed body. */
async function serve(body: unknown): Promise<{ url: string; server: Server }> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/vnd.api+json' });
    res.end(typeof body === 'string' ? body : JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

async function clientAnswering(body: unknown): Promise<TidalClient> {
  const { url, server } = await serve(body);
  servers.push(server);
  return new TidalClient({
    apiUrl: url,
    authUrl: `${url}/token`,
    credentials: parseTidalCredentials({ access_token: 'fixed-test-token' }),
    retry: { maxRetries: 0 },
  });
}

const track = (attributes: Record<string, unknown>, relationships: Record<string, unknown> = {}) => ({
  id: '1',
  type: 'tracks',
  attributes: { title: 'T', isrc: 'X', duration: 'PT3M25S', explicit: false, popularity: 0.5, ...attributes },
  relationships,
});

describe('validation of TIDAL’s answers', () => {
  it('names the failing field of a malformed track', async () => {
    const client = await clientAnswering({ data: [track({ duration: 205 })], links: { self: '/tracks' } });
    const error = await client.getTracks(['1'], { countryCode: 'US' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TidalResponseError);
    expect((error as TidalResponseError).issues[0]?.path).toBe('data[0].attributes.duration');
    expect((error as Error).message).toContain('GET /tracks');
    expect((error as Error).message).toContain('data[0].attributes.duration: Invalid input: expected string');
  });

  it('rejects a duration that is not ISO-8601', async () => {
    const client = await clientAnswering({ data: [track({ duration: '3:25' })] });
    const error = (await client.getTracks(['1'], { countryCode: 'US' }).catch((e: unknown) => e)) as Error;
    expect(error.message).toContain('data[0].attributes.duration: expected an ISO-8601 duration');
  });

  it('names a field of an included resource', async () => {
    const client = await clientAnswering({
      data: [track({}, { artists: { data: [{ id: '9', type: 'artists' }] } })],
      included: [{ id: '9', type: 'artists', attributes: { name: null } }],
    });
    const error = await client.getTracks(['1'], { countryCode: 'US' }).catch((e: unknown) => e);
    expect((error as TidalResponseError).issues[0]?.path).toBe('included[0].attributes.name');
  });

  it('names a relationship pointing at a resource the document does not include', async () => {
    const client = await clientAnswering({
      data: [track({}, { artists: { data: [{ id: '9', type: 'artists' }] } })],
    });
    const error = await client.getTracks(['1'], { countryCode: 'US' }).catch((e: unknown) => e);
    expect((error as TidalResponseError).issues[0]?.path).toBe('data[0].relationships.artists.data[0]');
  });

  it('reads items without meta or meta.itemId (both optional in the spec), positions true', async () => {
    const client = await clientAnswering({
      data: [
        { id: '1', type: 'tracks', meta: { itemId: 'a' } },
        { id: '2', type: 'tracks', meta: {} },
        { id: '3', type: 'tracks' },
      ],
      links: { self: '/x' },
    });
    expect(await client.listPlaylistItemRefs('p')).toEqual([
      { position: 0, itemId: 'a', trackId: '1', type: 'tracks' },
      { position: 1, itemId: null, trackId: '2', type: 'tracks' },
      { position: 2, itemId: null, trackId: '3', type: 'tracks' },
    ]);
  });

  it('falls back to the deprecated availability only where no usage rules came', async () => {
    const usageRules = { data: { id: '1', type: 'usageRules' }, links: { self: '/x' } };
    const rules = (subscription: string[]) => ({
      id: '1',
      type: 'usageRules',
      attributes: { countryCode: 'US', subscription },
    });
    const read = async (body: unknown) =>
      [...(await (await clientAnswering(body)).getTracks(['1'], { countryCode: 'US' })).values()][0];
    // Usage rules win over availability, both ways.
    expect(
      await read({ data: [track({ availability: ['STREAM'] }, { usageRules })], included: [rules([])] }),
    ).toMatchObject({ available: false, unavailableReason: 'no-streaming' });
    expect(
      await read({ data: [track({ availability: [] }, { usageRules })], included: [rules(['STREAM'])] }),
    ).toMatchObject({ available: true });
    // Without usage rules, availability decides; without either, nothing restricts the track.
    expect(await read({ data: [track({ availability: [] })] })).toMatchObject({ available: false });
    expect(await read({ data: [track({})] })).toMatchObject({ available: true });
  });

  it('refuses a body that is not JSON', async () => {
    const client = await clientAnswering('<html>maintenance</html>');
    await expect(client.getPlaylist('p')).rejects.toThrow(/\(body\): not JSON/);
  });

  it('stops on a cursor that repeats instead of looping forever', async () => {
    const client = await clientAnswering({
      data: [{ id: '1', type: 'tracks', meta: { itemId: 'a' } }],
      links: { self: '/x', next: '/x?page[cursor]=same', meta: { nextCursor: 'same' } },
    });
    await expect(client.listPlaylistItemRefs('p')).rejects.toThrow(/repeats a cursor/);
  });
});
