import { describe, expect, it } from 'vitest';
import { PlaylistRefSchema, parsePlaylistRef } from './playlist-ref.js';

const ID = '36ea71a8-445e-41a4-82ab-6628c581535d';

describe('parsePlaylistRef', () => {
  it.each([
    [ID],
    [ID.toUpperCase()],
    [`  ${ID}\n`],
    [`https://tidal.com/browse/playlist/${ID}`],
    [`https://tidal.com/browse/playlist/${ID}?u`],
    [`https://tidal.com/playlist/${ID}`],
    [`https://listen.tidal.com/playlist/${ID}`],
    [`https://listen.tidal.com/playlist/${ID}?utm_source=share#x`],
    [`http://www.tidal.com/browse/playlist/${ID}/`],
  ])('reads %s', (input) => {
    expect(parsePlaylistRef(input)).toBe(ID);
  });

  it.each([
    [''],
    ['not-a-playlist'],
    ['12345'],
    [`https://example.com/playlist/${ID}`],
    [`https://tidal.com/browse/album/${ID}`],
    [`https://tidal.com/browse/playlist/../../etc/passwd`],
    [`${ID}; DROP TABLE playlists`],
    [`javascript:alert(1)//${ID}`],
  ])('rejects %s', (input) => {
    expect(parsePlaylistRef(input)).toBeNull();
  });

  it('gives a message that says what to send', () => {
    const result = PlaylistRefSchema.safeParse('nope');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/playlist id \(a UUID\) or a playlist URL/);
  });
});
