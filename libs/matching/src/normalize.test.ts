import { describe, expect, it } from 'vitest';
import { makeTrack } from './make-track.js';
import { normalize } from './normalize.js';

function versionKinds(title: string, version: string | null = null, album = 'Album'): string[] {
  return normalize(makeTrack({ title, version, album })).versions.map((tag) => tag.kind);
}

describe('normalize: titles', () => {
  it.each([
    ['Bohemian Rhapsody - 2011 Remaster', 'Bohemian Rhapsody', ['remaster']],
    ['Bohemian Rhapsody - Remastered 2011', 'Bohemian Rhapsody', ['remaster']],
    ["Song (Live at Wembley '86)", 'Song', ['live']],
    ['Song [Radio Edit]', 'Song', ['edit']],
    ['Song (Remastered 2009)', 'Song', ['remaster']],
    ['Song - Mono', 'Song', ['mono']],
    ['Song (Radio Edit) - Remastered', 'Song', ['edit', 'remaster']],
    ['Song - Live / Remastered', 'Song', ['remaster', 'live']],
    ['Song (feat. Dua Lipa)', 'Song', []],
    ['Song （Live）', 'Song', ['live']],
  ])('%s -> %s %j', (title, display, kinds) => {
    const normalized = normalize(makeTrack({ title }));
    expect(normalized.displayTitle).toBe(display);
    expect(normalized.versions.map((tag) => tag.kind)).toEqual(kinds);
  });

  it('reads the separate version field like a title suffix, and an unknown one as a version of its own', () => {
    expect(versionKinds('Tiny Dancer', 'Remastered 2015')).toEqual(['remaster']);
    expect(versionKinds('Creep', 'Live at the Astoria')).toEqual(['live']);
    expect(versionKinds('Hips', 'Bamboo')).toEqual(['other']);
  });

  it('leaves version words that are part of the song name alone', () => {
    expect(versionKinds('Live Forever')).toEqual([]);
    expect(versionKinds('Remix to Ignition')).toEqual([]);
    expect(versionKinds('Radio Ga Ga')).toEqual([]);
    expect(normalize(makeTrack({ title: 'Undone - The Sweater Song' })).displayTitle).toBe(
      'Undone - The Sweater Song',
    );
  });

  it('keeps a bracket that names no version in the title, and drops it from the core title', () => {
    const normalized = normalize(makeTrack({ title: "(I Can't Get No) Satisfaction - Mono Version" }));
    expect(normalized.title).toBe('i cant get no satisfaction');
    expect(normalized.coreTitle).toBe('satisfaction');
    expect(normalized.versions.map((tag) => tag.kind)).toEqual(['mono']);
  });

  it('writes part numbers one way, and only reads I, V and X as numbers after a numbering word', () => {
    expect(normalize(makeTrack({ title: 'Another Brick in the Wall, Pt. II' })).title).toBe(
      'another brick in the wall part 2',
    );
    expect(normalize(makeTrack({ title: 'Another Brick in the Wall, Part 2' })).titleNumbers).toBe('2');
    expect(normalize(makeTrack({ title: 'The Unforgiven II' })).titleNumbers).toBe('2');
    expect(normalize(makeTrack({ title: 'Malcolm X' })).titleNumbers).toBe('');
    expect(normalize(makeTrack({ title: 'Symphony No. 5, Movement I' })).titleNumbers).toBe('1 5');
  });

  it('marks generic titles, numbered or not', () => {
    expect(normalize(makeTrack({ title: 'Intro' })).genericTitle).toBe(true);
    expect(normalize(makeTrack({ title: 'Interlude 2' })).genericTitle).toBe(true);
    expect(normalize(makeTrack({ title: 'Intro to Love' })).genericTitle).toBe(false);
  });

  it('makes an untagged track on a live or re-recorded album a version, unless its title names another', () => {
    expect(versionKinds('Substitute', null, 'Live At Leeds')).toEqual(['live']);
    expect(versionKinds('Down In A Hole', null, 'MTV Unplugged')).toEqual(['live', 'acoustic']);
    expect(versionKinds('Venus', null, 'Greatest Hits (Re-Recorded)')).toEqual(['rerecording']);
    expect(versionKinds('Cola - Original Mix', null, 'Cola (Remixes)')).toEqual(['original']);
    expect(versionKinds('Alright', null, 'Live Through This')).toEqual([]);
    const live = normalize(
      makeTrack({ title: 'Twist And Shout - Live', album: 'Live At The Hollywood Bowl' }),
    );
    expect(live.versions[0]?.detail).toBe('hollywood bowl');
  });

  it('keys the album without its edition tags', () => {
    expect(normalize(makeTrack({ title: 'Dreams', album: 'Rumours (Super Deluxe)' })).album).toBe('rumours');
    expect(normalize(makeTrack({ title: 'x', album: 'A Night At The Opera (2011 Remaster)' })).album).toBe(
      'a night at the opera',
    );
  });
});

describe('normalize: artists', () => {
  function featured(title: string, artists: string[], version: string | null = null): string[] {
    return normalize(makeTrack({ title, artists, version })).featuredArtists.map((artist) => artist.key);
  }

  it.each([
    ['Song (feat. Dua Lipa)'],
    ['Song [feat. Dua Lipa]'],
    ['Song (ft. Dua Lipa)'],
    ['Song (featuring Dua Lipa)'],
    ['Song (with Dua Lipa)'],
    ['Song feat. Dua Lipa'],
    ['Song ft. Dua Lipa'],
    ['Song - feat. Dua Lipa'],
  ])('moves the guest out of %s', (title) => {
    const normalized = normalize(makeTrack({ title, artists: ['Calvin Harris'] }));
    expect(normalized.displayTitle).toBe('Song');
    expect(normalized.featuredArtists.map((artist) => artist.key)).toEqual(['dua lipa']);
  });

  it('splits several guests and skips those already credited', () => {
    expect(featured('Monster (feat. JAY-Z, Rick Ross & Nicki Minaj)', ['Kanye West'])).toEqual([
      'jay z',
      'rick ross',
      'nicki minaj',
    ]);
    expect(featured('Umbrella (feat. JAY-Z)', ['Rihanna', 'JAY-Z'])).toEqual(['jay z']);
    expect(featured('Wild Ones', ['Flo Rida'], 'feat. Sia')).toEqual(['sia']);
  });

  it('does not read "with" outside brackets as a guest', () => {
    expect(featured('Dancing with Myself', ['Billy Idol'])).toEqual([]);
  });

  it('drops a leading or trailing "The" from artist keys', () => {
    const key = (name: string) => normalize(makeTrack({ title: 'x', artists: [name] })).primaryArtist?.key;
    expect(key('The Beatles')).toBe('beatles');
    expect(key('Beatles, The')).toBe('beatles');
    expect(key('The The')).toBe('the');
  });

  it('splits combined credits into parts, keeping the whole name as the key', () => {
    const parts = (name: string) =>
      normalize(makeTrack({ title: 'x', artists: [name] })).primaryArtist?.parts;
    expect(parts('Calvin Harris & Dua Lipa')).toEqual(['calvin harris', 'dua lipa']);
    expect(parts('Marshmello x Bastille')).toEqual(['marshmello', 'bastille']);
    expect(parts('Silk City, Dua Lipa')).toEqual(['silk city', 'dua lipa']);
    expect(parts('Wisin y Yandel')).toEqual(['wisin', 'yandel']);
    expect(parts('Queen')).toEqual(['queen']);
  });
});

describe('normalize: memo', () => {
  it('returns the memoised result for the same track', () => {
    const track = makeTrack({ title: 'Song - Live' });
    expect(normalize(track)).toBe(normalize({ ...track }));
  });

  it('does not reuse a result when a track with the same id says something else', () => {
    const first = normalize(makeTrack({ id: 'same-id', title: 'Song - Live' }));
    const second = normalize(makeTrack({ id: 'same-id', title: 'Other Song' }));
    expect(first.displayTitle).toBe('Song');
    expect(second.displayTitle).toBe('Other Song');
  });
});
