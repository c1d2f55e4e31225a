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

  it('requires the item id of every playlist item', async () => {
    const client = await clientAnswering({
      data: [{ id: '1', type: 'tracks', meta: {} }],
      links: { self: '/x' },
    });
    const error = await client.listPlaylistItemRefs('p').catch((e: unknown) => e);
    expect((error as TidalResponseError).issues[0]?.path).toBe('data[0].meta.itemId');
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
