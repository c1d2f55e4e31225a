import { FIXTURE, emulatorTest as test } from '@tidal-remedy/test-support/tidal-emulator';
import { describe, expect, it } from 'vitest';
import { TIDAL_WEB_BASE, webBaseFor } from './client.js';
import type { ArtworkResource } from './json-api.js';
import { pickCover } from './mapping.js';

const US = { countryCode: 'US' };

const artwork = (files: Array<[string, number]>, mediaType = 'IMAGE'): ArtworkResource => ({
  id: 'a',
  type: 'artworks',
  attributes: {
    mediaType,
    files: files.map(([href, size]) => ({ href, meta: { width: size, height: size } })),
  },
});

describe('album covers', () => {
  it('picks the smallest file at least 80 px on each side', () => {
    const cover = pickCover([
      artwork([
        ['https://i/1280.jpg', 1280],
        ['https://i/160.jpg', 160],
        ['https://i/80.jpg', 80],
        ['https://i/40.jpg', 40],
      ]),
    ]);
    expect(cover).toEqual({ url: 'https://i/80.jpg', width: 80, height: 80 });
  });

  it('falls back to the largest file when none is 80 px, and ignores videos and non-http hrefs', () => {
    expect(
      pickCover([
        artwork([
          ['https://i/40.jpg', 40],
          ['https://i/60.jpg', 60],
        ]),
      ]),
    ).toMatchObject({
      url: 'https://i/60.jpg',
    });
    expect(pickCover([artwork([['https://i/v.mp4', 320]], 'VIDEO')])).toBeNull();
    expect(pickCover([artwork([['javascript:alert(1)', 320]])])).toBeNull();
    expect(pickCover([])).toBeNull();
  });

  test('tracks read from the emulator carry their album’s cover, whose file is a PNG of that size', async ({
    makeClient,
  }) => {
    const tracks = await makeClient().getTracks(['1000'], US);
    const cover = tracks.get('1000')?.album?.cover;
    expect(cover).toMatchObject({ width: 80, height: 80 });
    const response = await fetch(cover!.url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^image\/png/);
    const png = Buffer.from(await response.arrayBuffer());
    expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([80, 80]);
  });

  test('the first page of a playlist’s items brings covers too', async ({ makeClient }) => {
    const items = await makeClient().listPlaylistItems(FIXTURE.playlistId, US);
    const withAlbum = items.filter((item) => item.track.album !== null);
    expect(withAlbum.length).toBeGreaterThan(0);
    for (const item of withAlbum) expect(item.track.album?.cover?.url).toMatch(/^http:\/\/.+\.png$/);
  });
});

describe('links to TIDAL’s web player', () => {
  it('only for TIDAL’s own API: the emulator’s ids mean nothing on tidal.com', () => {
    expect(webBaseFor('https://openapi.tidal.com/v2')).toBe(TIDAL_WEB_BASE);
    expect(webBaseFor('http://127.0.0.1:4010/v2')).toBeNull();
    expect(webBaseFor('not a url')).toBeNull();
  });

  test('a client of the emulator offers no links', ({ makeClient }) => {
    expect(makeClient().webBase).toBeNull();
  });
});
