import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BENCH_ACCOUNT, DEMO_ACCOUNT } from '../src/seed-accounts.js';
import { SeedSchema } from '../src/seed-schema.js';
import {
  CATALOG_PATH,
  DEMO_REPORT_PATH,
  type GeneratedSeed,
  generateSeedWithDemo,
  serializeSeed,
} from './generate-seed.js';
import { isStreamableIn, type SeedTrack } from './seed/seed-types.js';

const generated: GeneratedSeed = generateSeedWithDemo();
const { seed, demo, compilationIds } = generated;
const trackById = new Map(seed.tracks.map((t) => [t.id, t]));
const albumById = new Map(seed.albums.map((a) => [a.id, a]));
const inUS = (t: SeedTrack) => isStreamableIn(t, 'US');
const track = (id: string): SeedTrack => {
  const t = trackById.get(id);
  if (!t) throw new Error(`no track ${id}`);
  return t;
};
const twinsInUS = (t: SeedTrack) => seed.tracks.filter((o) => o.id !== t.id && o.isrc === t.isrc && inUS(o));

/** A deliberately plain base title: no accents, no bracketed or dashed suffix, no punctuation. */
const baseTitle = (title: string) =>
  title
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/\s*[([].*$/, '')
    .replace(/\s+-\s+.*$/, '')
    .replace(/[^\p{L}\p{N} ]/gu, '')
    .trim();
const VERSION_TAG = /\b(live|remix|mix|edit|acoustic|instrumental|demo|take|version|unplugged)\b/i;
const versionTagged = (t: SeedTrack) => VERSION_TAG.test(`${t.version ?? ''} ${t.title}`);

describe('seed/catalog.json', () => {
  it('validates against the seed schema, with every default written out', () => {
    const parsed = SeedSchema.parse(seed);
    expect(parsed).toEqual(seed);
  });

  it('refers only to ids that exist', () => {
    const artistIds = new Set(seed.artists.map((a) => a.id));
    const userIds = new Set(seed.users.map((u) => u.id));
    for (const album of seed.albums) {
      expect(album.artistIds.length).toBeGreaterThan(0);
      for (const id of album.artistIds)
        expect(artistIds.has(id), `album ${album.id} artist ${id}`).toBe(true);
    }
    for (const t of seed.tracks) {
      expect(albumById.has(t.albumId), `track ${t.id} album`).toBe(true);
      expect(t.artistIds.length).toBeGreaterThan(0);
      expect(new Set(t.artistIds).size, `track ${t.id} lists an artist twice`).toBe(t.artistIds.length);
      for (const id of t.artistIds) expect(artistIds.has(id), `track ${t.id} artist ${id}`).toBe(true);
    }
    for (const p of seed.playlists) {
      expect(userIds.has(p.ownerId)).toBe(true);
      for (const id of p.trackIds) expect(trackById.has(id), `playlist ${p.name} track ${id}`).toBe(true);
    }
    for (const c of seed.clients) if (c.userId) expect(userIds.has(c.userId)).toBe(true);
  });

  it('has unique, digit-only ids, unique track positions per album, and well-formed ISRCs and dates', () => {
    const unique = (ids: string[]) => expect(new Set(ids).size).toBe(ids.length);
    unique(seed.artists.map((a) => a.id));
    unique([...seed.albums.map((a) => a.id), ...seed.tracks.map((t) => t.id)]);
    unique(seed.users.map((u) => u.id));
    unique(seed.clients.map((c) => c.clientId));
    unique(seed.playlists.map((p) => p.id));
    unique(seed.tracks.map((t) => `${t.albumId}/${t.volumeNumber}/${t.trackNumber}`));
    for (const id of [...seed.artists, ...seed.albums, ...seed.tracks, ...seed.users].map((x) => x.id)) {
      expect(id).toMatch(/^[1-9]\d*$/);
    }
    for (const t of seed.tracks) expect(t.isrc).toMatch(/^[A-Z]{2}[A-Z0-9]{3}\d{7}$/);
    for (const a of seed.albums) expect(a.releaseDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(new Set(seed.artists.map((a) => a.name)).size).toBe(seed.artists.length);
  });

  it('is deterministic: generating twice gives the same seed and the same bytes', () => {
    const again = generateSeedWithDemo();
    expect(again.seed).toEqual(seed);
    expect(serializeSeed(again.seed)).toBe(serializeSeed(seed));
    expect(again.demoReport).toBe(generated.demoReport);
  });

  it('is committed exactly as the generator writes it (run the generator instead of editing by hand)', () => {
    const committed = readFileSync(CATALOG_PATH, 'utf8');
    expect(committed === serializeSeed(seed), 'catalog.json differs from the generator output').toBe(true);
    expect(readFileSync(DEMO_REPORT_PATH, 'utf8')).toBe(generated.demoReport);
    expect(JSON.parse(committed)).toEqual(seed);
    expect(Buffer.byteLength(committed)).toBeLessThan(3_000_000);
  });

  it('is a catalog of a few thousand tracks by 150-300 artists', () => {
    expect(seed.tracks.length).toBeGreaterThan(3000);
    expect(seed.tracks.length).toBeLessThan(8000);
    expect(seed.artists.length).toBeGreaterThanOrEqual(150);
    expect(seed.artists.length).toBeLessThanOrEqual(300);
  });

  it('has the noise a real catalog has', () => {
    const names = seed.artists.map((a) => a.name).join('\n');
    for (const script of [
      /\p{Script=Hiragana}|\p{Script=Katakana}/u,
      /\p{Script=Hangul}/u,
      /\p{Script=Cyrillic}/u,
      /\p{Script=Greek}/u,
      /\p{Script=Arabic}/u,
      /\p{Script=Han}/u,
    ]) {
      expect(names).toMatch(script);
    }
    expect(names).toMatch(/[éóöüøåíô]/);
    expect(names).toMatch(/^The /m);
    expect(names).toMatch(/ & /);
    // TIDAL's album types only: a compilation is an ALBUM.
    expect(new Set(seed.albums.map((a) => a.type))).toEqual(new Set(['ALBUM', 'EP', 'SINGLE']));

    const byIsrc = new Map<string, SeedTrack[]>();
    for (const t of seed.tracks) byIsrc.set(t.isrc, [...(byIsrc.get(t.isrc) ?? []), t]);
    const shared = [...byIsrc.values()].filter((ts) => new Set(ts.map((t) => t.albumId)).size > 1);
    expect(shared.length).toBeGreaterThan(500);
    expect(shared.some((ts) => ts.some((t) => compilationIds.has(t.albumId)))).toBe(true);
    expect(shared.some((ts) => new Set(ts.map((t) => t.durationSeconds)).size > 1)).toBe(true);

    expect(seed.tracks.some((t) => t.version !== null && /Remaster/.test(t.version))).toBe(true);
    expect(seed.tracks.some((t) => t.version === null && / - .*Remaster/.test(t.title))).toBe(true);
    expect(seed.tracks.some((t) => t.version === 'Live')).toBe(true);
    expect(seed.tracks.some((t) => /Remix/.test(`${t.version} ${t.title}`))).toBe(true);
    expect(seed.tracks.some((t) => /Radio Edit/.test(`${t.version} ${t.title}`))).toBe(true);
    expect(seed.tracks.some((t) => /Instrumental/.test(`${t.version} ${t.title}`))).toBe(true);
    expect(seed.tracks.some((t) => /Acoustic/.test(`${t.version} ${t.title}`))).toBe(true);
    expect(seed.tracks.some((t) => /\(feat\. /.test(t.title) && t.artistIds.length === 1)).toBe(true);
    expect(seed.tracks.some((t) => !/feat\.|with /i.test(t.title) && t.artistIds.length > 1)).toBe(true);

    // Explicit/clean pairs: same album title and artist, same track title, different ISRC.
    const cleanPair = seed.tracks.some((e) => {
      if (!e.explicit) return false;
      const album = albumById.get(e.albumId);
      return seed.tracks.some((c) => {
        const other = albumById.get(c.albumId);
        return (
          !c.explicit &&
          c.title === e.title &&
          c.isrc !== e.isrc &&
          other?.id !== album?.id &&
          other?.title === album?.title
        );
      });
    });
    expect(cleanPair).toBe(true);

    expect(seed.tracks.some((t) => t.countries.except?.includes('US'))).toBe(true);
    expect(seed.tracks.some((t) => t.countries.only !== undefined)).toBe(true);
    expect(seed.tracks.some((t) => t.availability.length === 0)).toBe(true);
    const unavailable = seed.tracks.filter((t) => !inUS(t)).length;
    expect(unavailable / seed.tracks.length).toBeLessThan(0.15);
  });

  it('serves compilations as TIDAL does: an ALBUM whose artists or date show what it is', () => {
    const artistName = new Map(seed.artists.map((a) => [a.id, a.name]));
    const firstRelease = new Map<string, string>();
    for (const t of seed.tracks) {
      const date = albumById.get(t.albumId)!.releaseDate;
      if (!firstRelease.has(t.isrc) || date < firstRelease.get(t.isrc)!) firstRelease.set(t.isrc, date);
    }
    expect(compilationIds.size).toBeGreaterThan(50);
    for (const id of compilationIds) {
      const album = albumById.get(id)!;
      expect(album.type).toBe('ALBUM');
      const tracks = seed.tracks.filter((t) => t.albumId === id);
      if (album.artistIds.some((a) => artistName.get(a) === 'Various Artists')) {
        // A various-artists album: every track's artists are unlike the album's.
        expect(tracks.every((t) => !t.artistIds.some((a) => album.artistIds.includes(a)))).toBe(true);
        continue;
      }
      // An artist's own compilation of recordings released before: dated at least a year after the first.
      const years = (date: string) => Number(date.slice(0, 4));
      const earliest = Math.min(...tracks.map((t) => years(firstRelease.get(t.isrc)!)));
      if (
        earliest === years(album.releaseDate) &&
        tracks.every((t) => firstRelease.get(t.isrc) === album.releaseDate)
      ) {
        continue; // new recordings first released on it: nothing tells it from an album, on TIDAL either
      }
      expect(years(album.releaseDate) - earliest, `${album.title} (${id})`).toBeGreaterThanOrEqual(1);
    }
  });
});

describe('accounts and playlists', () => {
  it('holds the fixed demo user, client and playlist', () => {
    expect(seed.users).toContainEqual({ id: '190000001', username: 'demo', countryCode: 'US' });
    expect(seed.clients).toContainEqual({
      clientId: 'tidal-remedy-demo',
      clientSecret: 'demo-secret',
      userId: '190000001',
      refreshTokens: ['demo-refresh-token'],
      redirectUris: ['http://127.0.0.1:8765/callback', 'http://localhost:8080/auth/tidal/callback'],
    });
    const playlist = seed.playlists.find((p) => p.id === '4b1c5e2a-7d3f-4e8a-9c6b-2f0d1e3a5b7c');
    expect(playlist?.ownerId).toBe('190000001');
    expect(playlist?.name).toBe('Road Trip Classics');
  });

  it('has a large playlist of another user, and an empty one', () => {
    const large = seed.playlists.filter((p) => p.ownerId !== '190000001' && p.trackIds.length >= 500);
    expect(large.length).toBeGreaterThanOrEqual(1);
    expect(large[0]!.trackIds.length).toBeLessThanOrEqual(1000);
    expect(large[0]!.trackIds.filter((id) => !inUS(track(id))).length).toBeGreaterThan(50);
    expect(seed.playlists.some((p) => p.trackIds.length === 0)).toBe(true);
    expect(seed.playlists.filter((p) => p.ownerId !== '190000001').length).toBeGreaterThanOrEqual(2);
  });
});

describe('the demo playlist', () => {
  const playlist = seed.playlists.find((p) => p.id === '4b1c5e2a-7d3f-4e8a-9c6b-2f0d1e3a5b7c')!;
  const byKind = (kind: string) => demo.filter((d) => d.kind === kind);

  it('has about 60 items, about 15 of them unavailable in US, exactly those DEMO.md describes', () => {
    expect(playlist.trackIds.length).toBeGreaterThanOrEqual(55);
    expect(playlist.trackIds.length).toBeLessThanOrEqual(65);
    const unavailable = playlist.trackIds.flatMap((id, position) => (inUS(track(id)) ? [] : [position]));
    expect(unavailable.length).toBeGreaterThanOrEqual(13);
    expect(unavailable.length).toBeLessThanOrEqual(17);
    expect(demo.map((d) => d.position)).toEqual(unavailable);
    for (const d of demo) expect(playlist.trackIds[d.position]).toBe(d.trackId);
    expect(demo.some((d) => track(d.trackId).availability.length === 0)).toBe(true);
    expect(demo.some((d) => track(d.trackId).countries.except?.includes('US'))).toBe(true);
  });

  it('has at least four of each: ISRC twin available, fuzzy-only fixable, no match', () => {
    expect(byKind('isrc').length).toBeGreaterThanOrEqual(4);
    expect(byKind('match').length).toBeGreaterThanOrEqual(4);
    expect(byKind('none').length).toBeGreaterThanOrEqual(4);
  });

  it('fixes each ISRC case with the twin the design prefers: an album before a compilation', () => {
    for (const d of byKind('isrc')) {
      const original = track(d.trackId);
      const twins = twinsInUS(original);
      const pick = track(d.pickId!);
      expect(inUS(pick)).toBe(true);
      expect(pick.isrc).toBe(original.isrc);
      const albums = twins.filter((t) => !compilationIds.has(t.albumId));
      expect((albums.length > 0 ? albums : twins).map((t) => t.id)).toEqual([pick.id]);
      for (const id of d.alternativeIds) expect(twins.map((t) => t.id)).toContain(id);
    }
  });

  it('fixes each fuzzy case only by a different recording of the same song by the same artist', () => {
    for (const d of byKind('match')) {
      const original = track(d.trackId);
      expect(twinsInUS(original)).toEqual([]);
      const pick = track(d.pickId!);
      expect(inUS(pick)).toBe(true);
      expect(pick.isrc).not.toBe(original.isrc);
      expect(pick.artistIds[0]).toBe(original.artistIds[0]);
      expect(baseTitle(pick.title)).toBe(baseTitle(original.title));
      expect(Math.abs(pick.durationSeconds - original.durationSeconds)).toBeLessThanOrEqual(3);
    }
  });

  it('leaves no acceptable candidate for the no-match cases, only traps', () => {
    const trapKinds = new Set<string>();
    for (const d of byKind('none')) {
      const original = track(d.trackId);
      expect(twinsInUS(original)).toEqual([]);
      expect(d.pickId).toBeNull();
      const sameTitle = seed.tracks.filter(
        (t) => inUS(t) && baseTitle(t.title) === baseTitle(original.title),
      );
      const acceptable = sameTitle.filter(
        (t) =>
          t.artistIds[0] === original.artistIds[0] &&
          !versionTagged(t) &&
          Math.abs(t.durationSeconds - original.durationSeconds) <= 10,
      );
      expect(acceptable.map((t) => t.id)).toEqual([]);
      for (const id of d.trapIds) {
        const trap = track(id);
        if (/live/i.test(`${trap.version} ${trap.title}`)) trapKinds.add('live');
        if (/mix/i.test(`${trap.version} ${trap.title}`)) trapKinds.add('remix');
        if (trap.artistIds[0] !== original.artistIds[0]) trapKinds.add('other artist');
      }
    }
    expect(trapKinds).toEqual(new Set(['live', 'remix', 'other artist']));
  });

  it('has every trap in the catalog and available in US, so a matcher really meets it', () => {
    for (const d of demo) {
      expect(d.trapIds.length).toBeGreaterThan(0);
      for (const id of d.trapIds) {
        expect(inUS(track(id)), `trap ${id}`).toBe(true);
        expect(id).not.toBe(d.pickId);
      }
      for (const id of d.unavailableTwinIds) {
        expect(track(id).isrc).toBe(track(d.trackId).isrc);
        expect(inUS(track(id))).toBe(false);
      }
    }
  });
});

describe('the accounts the project names (src/seed-accounts.ts)', () => {
  const seed = SeedSchema.parse(generated.seed);
  it.each([
    ['demo playlist', DEMO_ACCOUNT.playlistId, DEMO_ACCOUNT.userId],
    ['demo scratch playlist', DEMO_ACCOUNT.scratchPlaylistId, DEMO_ACCOUNT.userId],
    ['bench playlist', BENCH_ACCOUNT.playlistId, BENCH_ACCOUNT.userId],
  ])('the %s exists with its owner', (_label, playlistId, ownerId) => {
    expect(seed.playlists.find((playlist) => playlist.id === playlistId)?.ownerId).toBe(ownerId);
  });

  it.each([DEMO_ACCOUNT, BENCH_ACCOUNT])('the client of $username acts for that user', (account) => {
    expect(seed.clients.find((client) => client.clientId === account.clientId)).toMatchObject({
      clientSecret: account.clientSecret,
      userId: account.userId,
      refreshTokens: [account.refreshToken],
    });
    expect(seed.users.find((user) => user.id === account.userId)?.countryCode).toBe(account.countryCode);
  });
});
