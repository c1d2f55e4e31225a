import { describe, expect, it } from 'vitest';
import { makeTrack, type TrackSketch } from './make-track.js';
import { scoreCandidate } from './score-candidate.js';
import { MATCH_THRESHOLD } from './thresholds.js';

const original: TrackSketch = {
  title: 'Bohemian Rhapsody',
  artists: ['Queen'],
  duration: '5:55',
  album: 'A Night At The Opera',
};

function score(candidate: Partial<TrackSketch>, base: TrackSketch = original) {
  return scoreCandidate(makeTrack(base), makeTrack({ ...base, ...candidate }));
}

describe('scoreCandidate', () => {
  it('gives a remaster of the same recording a full score, with a reason per part', () => {
    const result = score({
      title: 'Bohemian Rhapsody - Remastered 2011',
      album: 'A Night At The Opera (2011 Remaster)',
    });
    expect(result.score).toBe(1);
    expect(result.parts).toEqual({ title: 1, artists: 1, duration: 1, version: 1, explicit: 1 });
    expect(result.reasons).toEqual([
      'title matches',
      'same artist (Queen)',
      'same duration (5:55)',
      'version compatible: remaster (Remastered 2011)',
      'not explicit, like the original',
    ]);
  });

  it('keeps every part and the score in [0, 1]', () => {
    for (const candidate of [
      { title: 'Something Else Entirely', artists: ['Nobody'], duration: '0:10', explicit: true },
      { title: 'Bohemian Rhapsody (Karaoke Version)', duration: '9:59' },
      { duration: '0:00' },
    ]) {
      const result = score(candidate);
      expect(result.score).toBeGreaterThanOrEqual(0);
      expect(result.score).toBeLessThanOrEqual(1);
      for (const part of Object.values(result.parts)) {
        expect(part).toBeGreaterThanOrEqual(0);
        expect(part).toBeLessThanOrEqual(1);
      }
    }
  });

  it('says in words when the version differs: live vs studio', () => {
    const result = score({ title: 'Bohemian Rhapsody - Live Aid', duration: '5:55' });
    expect(result.score).toBeLessThan(0.2);
    expect(result.reasons).toContain('version differs: live (Live Aid) vs studio');
  });

  it.each([
    ['remix vs original', 'Song (Armand Van Helden Remix)', 'remix (Armand Van Helden Remix) vs original'],
    ['radio edit vs full length', 'Song - Radio Edit', 'edit (Radio Edit) vs full-length version'],
    ['acoustic vs studio', 'Song (Acoustic)', 'acoustic vs studio'],
    ['instrumental vs vocal', 'Song (Instrumental)', 'instrumental vs vocal version'],
  ])('penalises %s', (_, title, reason) => {
    const base = { title: 'Song', artists: ['Band'], duration: '3:30' };
    const result = score({ title, duration: '4:10' }, base);
    expect(result.score).toBeLessThan(0.5);
    expect(result.reasons.some((r) => r.includes(reason))).toBe(true);
  });

  it('accepts a radio edit tag on one side when the lengths agree: the same cut, named differently', () => {
    const base = { title: 'Levels - Radio Edit', artists: ['Avicii'], duration: '3:19' };
    const result = score({ title: 'Levels' }, base);
    expect(result.parts.version).toBe(0.9);
    expect(result.reasons[3]).toMatch(/but the lengths agree/);
  });

  it('tells two live recordings apart by venue and year', () => {
    const base = {
      title: 'Song - Live at Wembley Stadium / July 1986',
      artists: ['Queen'],
      duration: '3:46',
    };
    expect(score({ title: "Song (Live at Wembley '86)" }, base).parts.version).toBe(1);
    expect(score({ title: 'Song - Live in Montreal' }, base).parts.version).toBeLessThan(0.5);
    expect(score({ title: 'Song - Live at Wembley 1992' }, base).parts.version).toBeLessThan(0.5);
  });

  it('reads a vague "Remix" as the remix by the remixer it credits', () => {
    const base = { title: 'Roses - Remix', artists: ['SAINt JHN', 'Imanbek'], duration: '2:56' };
    expect(score({ title: 'Roses (Imanbek Remix)' }, base).parts.version).toBe(1);
    expect(score({ title: 'Roses (Other DJ Remix)' }, base).score).toBeLessThan(MATCH_THRESHOLD);
  });

  it('requires the primary artist: a cover scores 0 whatever else agrees', () => {
    const result = score({ artists: ['Panic! At The Disco'] });
    expect(result.score).toBe(0);
    expect(result.reasons[1]).toBe('primary artist differs: Panic! At The Disco vs Queen');
  });

  it('does not mistake a tribute act one letter away for the artist', () => {
    const base = { title: 'Let It Be', artists: ['The Beatles'], duration: '4:03' };
    expect(score({ artists: ['The Beatlez'] }, base).score).toBe(0);
    expect(score({ artists: ['Beatles, The'] }, base).score).toBe(1);
  });

  it('treats the original artist as a mere guest on someone else’s record', () => {
    const base = { title: 'Walk This Way', artists: ['Aerosmith'], duration: '3:40' };
    const result = score({ title: 'Walk This Way (feat. Aerosmith)', artists: ['Run-DMC'] }, base);
    expect(result.parts.artists).toBe(0.3);
    expect(result.reasons[1]).toBe("Aerosmith is only a guest on Run-DMC's track");
  });

  it('reads featured-artist spellings as one credit list', () => {
    const base = {
      title: 'Get Lucky (feat. Pharrell Williams & Nile Rodgers)',
      artists: ['Daft Punk'],
      duration: '6:09',
    };
    expect(
      score({ title: 'Get Lucky', artists: ['Daft Punk', 'Pharrell Williams', 'Nile Rodgers'] }, base).parts
        .artists,
    ).toBe(1);
    expect(
      score({ title: 'Get Lucky ft. Pharrell Williams, Nile Rodgers', artists: ['Daft Punk'] }, base).parts
        .artists,
    ).toBe(1);
  });

  it('penalises a guest the original lacks when the title announces it, unless both share an album', () => {
    const base = {
      title: 'Let Her Go',
      artists: ['Passenger'],
      duration: '4:12',
      album: 'All the Little Lights',
    };
    const newGuest = {
      title: 'Let Her Go (feat. Ed Sheeran)',
      artists: ['Passenger', 'Ed Sheeran'],
      album: 'Let Her Go (Anniversary Edition)',
    };
    expect(score(newGuest, base).parts.artists).toBe(0.5);
    expect(score({ ...newGuest, album: 'All the Little Lights' }, base).parts.artists).toBe(0.85);
  });

  it('accepts a drift of 1-2 s, then falls quickly', () => {
    expect(score({ duration: '5:56' }).parts.duration).toBe(1);
    expect(score({ duration: '5:57' }).parts.duration).toBe(1);
    expect(score({ duration: '6:02' }).parts.duration).toBeGreaterThan(0.5);
    expect(score({ duration: '6:10' }).parts.duration).toBeLessThan(0.2);
  });

  it('neither trusts nor doubts an unknown length', () => {
    expect(score({ duration: '0:00' }).parts.duration).toBe(0.9);
  });

  it('lets a clean cut stand in for an explicit original but never the reverse', () => {
    const explicitBase = { ...original, explicit: true };
    expect(score({ explicit: false }, explicitBase).parts.explicit).toBe(0.85);
    expect(score({ explicit: true }).parts.explicit).toBe(0);
    expect(score({ explicit: true }).reasons[4]).toBe(
      'explicit, but the original is the clean version (explicit strict)',
    );
  });

  it('lets an explicit cut stand in for a clean original under explicit: allow, as the reverse', () => {
    const allowed = scoreCandidate(makeTrack(original), makeTrack({ ...original, explicit: true }), 'allow');
    expect(allowed.parts.explicit).toBe(0.85);
    expect(allowed.score).toBeGreaterThanOrEqual(MATCH_THRESHOLD);
    expect(allowed.reasons[4]).toBe('explicit version of a clean original (allowed: explicit allow)');
  });

  it('keeps part numbers apart: Pt. 1 is not Pt. 2', () => {
    const base = { title: 'Another Brick in the Wall, Pt. 2', artists: ['Pink Floyd'], duration: '3:59' };
    expect(score({ title: 'Another Brick in the Wall, Part II' }, base).parts.title).toBe(1);
    expect(score({ title: 'Another Brick in the Wall, Pt. 1' }, base).parts.title).toBeLessThanOrEqual(0.2);
  });

  it('does not match a generic title on another album, but does on the same album', () => {
    const base = { title: 'Intro', artists: ['alt-J'], duration: '2:38', album: 'An Awesome Wave' };
    expect(score({ album: 'This Is All Yours' }, base).parts.title).toBe(0.3);
    expect(score({ album: 'An Awesome Wave (Deluxe Version)' }, base).parts.title).toBe(1);
  });

  it('reads near-equal titles: dropped brackets, articles, romanisations, and typos', () => {
    const parts = (title: string, other: string) =>
      score({ title: other }, { title, artists: ['A'], duration: '3:00' }).parts.title;
    expect(parts("(I Can't Get No) Satisfaction", 'Satisfaction')).toBe(0.8);
    expect(parts('The Chain', 'Chain')).toBe(0.95);
    expect(parts('Pervaya lyubov', 'Pervaia liubov')).toBe(0.9);
    expect(parts('Группа крови', 'Gruppa krovi')).toBe(1);
    expect(parts('Bohemian Rhapsody', 'Bohemian Rapsody')).toBeGreaterThan(0.9);
    expect(parts('Without Me', 'Without You')).toBeLessThanOrEqual(0.5);
  });
});
