import { describe, expect, it } from 'vitest';
import { compilationSign, readsAsCollection } from './compilation.js';
import { makeTrack } from './make-track.js';

const original = makeTrack({
  title: 'Africa',
  artists: ['TOTO'],
  album: 'Toto IV',
  releaseDate: '1982-04-08',
  available: false,
});

describe('compilationSign: a compilation without an album type for it', () => {
  it('reads an album credited to Various Artists', () => {
    const track = makeTrack({
      title: 'Africa',
      artists: ['TOTO'],
      album: '80s Classics',
      albumArtists: ['Various Artists'],
    });
    expect(compilationSign(track)).toBe('an album by various artists');
  });

  it("reads an album credited to artists none of whom is the track's", () => {
    const track = makeTrack({
      title: 'Insomnia',
      artists: ['Faithless'],
      album: 'Renaissance: The Mix Collection',
      albumArtists: ['Sasha', 'John Digweed'],
    });
    expect(compilationSign(track)).toBe(
      "an album credited to Sasha, John Digweed, not to the track's artists",
    );
  });

  it("takes the track's own artist, or a soundtrack credited to its composer, for an original release", () => {
    const own = makeTrack({ title: 'Africa', artists: ['TOTO'], album: 'Toto IV', albumArtists: ['TOTO'] });
    const score = makeTrack({
      title: 'Skyfall',
      artists: ['Adele'],
      album: 'Skyfall (Original Motion Picture Soundtrack)',
      albumArtists: ['Thomas Newman'],
    });
    expect(compilationSign(own)).toBeNull();
    expect(compilationSign(score)).toBeNull();
  });

  it.each([
    ['Greatest Hits', true],
    ['The Very Best of Fleetwood Mac', true],
    ['The Essential Bruce Springsteen', true],
    ['Past to Present 1977-1990', true],
    ["Now That's What I Call Music! 60", true],
    ['Ultimate Survivor', true],
    ['Gold', true],
    ['ABBA Gold', true],
    ['Toto IV', false],
    ['ANThology', false],
    ['Greatest Love Songs Vol. 666', false],
    ['The Golden Age of Grotesque', false],
    ['Mozart: Symphonies Nos. 39-41', false],
  ])('reads the title %j as a collection: %s', (title, expected) => {
    expect(readsAsCollection(title)).toBe(expected);
  });

  it("reads the same recording on another album released years after the original's", () => {
    const later = makeTrack({
      title: 'Africa',
      artists: ['TOTO'],
      album: 'Hold the Line',
      releaseDate: '1990-01-01',
    });
    expect(compilationSign(later, original)).toBe("released 8 years after the original's album");
    expect(compilationSign(later)).toBeNull();
  });

  it("does not take a reissue of the original's album, or a deluxe edition, for a compilation", () => {
    const remaster = makeTrack({
      title: 'Africa',
      artists: ['TOTO'],
      album: 'Toto IV (Remastered)',
      releaseDate: '2011-01-01',
    });
    const deluxe = makeTrack({
      title: 'Africa',
      artists: ['TOTO'],
      album: 'Isolation (Deluxe Edition)',
      releaseDate: '2020-01-01',
    });
    const single = makeTrack({
      title: 'Africa',
      artists: ['TOTO'],
      album: 'Africa',
      releaseDate: '1983-01-01',
    });
    expect(compilationSign(remaster, original)).toBeNull();
    expect(compilationSign(deluxe, original)).toBeNull();
    expect(compilationSign(single, original)).toBeNull();
  });
});
