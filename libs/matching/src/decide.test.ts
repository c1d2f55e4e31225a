import { type MatchDecision, MatchDecisionSchema, type Track } from '@tidal-remedy/contracts';
import { describe, expect, it } from 'vitest';
import { decide } from './decide.js';
import { makeTrack, type TrackSketch } from './make-track.js';

const ISRC = 'GBUM71029604';
const sketch: TrackSketch = {
  id: 'orig',
  title: 'Bohemian Rhapsody',
  artists: ['Queen'],
  duration: '5:55',
  album: 'A Night At The Opera',
  albumId: 'al-opera-1975',
  releaseDate: '1975-11-21',
  isrc: ISRC,
  available: false,
};
const original = makeTrack(sketch);

function candidate(id: string, extra: Partial<TrackSketch> = {}): Track {
  return makeTrack({ ...sketch, available: true, isrc: null, albumId: `al-${id}`, ...extra, id });
}

/** decide() must return exactly a MatchDecision: parse it, and compare to what was returned. */
function decideChecked(orig: Track, candidates: Track[], options = {}): MatchDecision {
  const decision = decide(orig, candidates, options);
  expect(MatchDecisionSchema.parse(decision)).toEqual(decision);
  return decision;
}

describe('decide: same recording by ISRC (design 7.1)', () => {
  it('prefers the same album, then the same explicitness, then an original release over a compilation', () => {
    const compilation = candidate('comp', { isrc: ISRC, album: 'Greatest Hits' });
    const otherAlbum = candidate('other', { isrc: ISRC, album: 'Live Killers Studio Companion' });
    const otherAlbumExplicit = candidate('other-x', { isrc: ISRC, album: 'Another Album', explicit: true });
    const sameAlbum = candidate('same', {
      isrc: ISRC,
      album: 'A Night At The Opera (2011 Remaster)',
      explicit: true,
    });

    const compilationExplicit = candidate('comp-x', {
      isrc: ISRC,
      album: 'Summer Party',
      albumArtists: ['Various Artists'],
      explicit: true,
    });

    expect(
      decideChecked(original, [compilation, otherAlbumExplicit, otherAlbum, sameAlbum]).replacement?.id,
    ).toBe('same');
    expect(decideChecked(original, [compilation, otherAlbumExplicit, otherAlbum]).replacement?.id).toBe(
      'other',
    );
    expect(decideChecked(original, [otherAlbumExplicit, compilation]).replacement?.id).toBe('comp');
    expect(decideChecked(original, [compilationExplicit, otherAlbumExplicit]).replacement?.id).toBe(
      'other-x',
    );
  });

  it('says which recording and release, in plain words', () => {
    const twin = candidate('twin', {
      isrc: ISRC,
      album: 'A Night At The Opera (2011 Remaster)',
      releaseDate: '2011-03-14',
    });
    const compilation = candidate('comp', { isrc: ISRC, album: 'Greatest Hits' });
    const decision = decideChecked(original, [compilation, twin]);
    expect(decision.decision).toBe('isrc');
    expect(decision.reasons[0]).toBe(
      `same recording (ISRC ${ISRC}) on the album 'A Night At The Opera (2011 Remaster)' (2011)`,
    );
    expect(decision.reasons[1]).toBe(
      'chosen over 1 other release of this recording for the same album as the original',
    );
  });

  it('still counts a twin whose title differs a little (a typo, a translation)', () => {
    const twin = candidate('twin', { isrc: ISRC, title: 'Bohemian Rapsody (Remastered)', album: 'Hits' });
    const decision = decideChecked(original, [twin]);
    expect(decision.decision).toBe('isrc');
    expect(decision.replacement?.id).toBe('twin');
  });

  it('reads ISRCs with or without hyphens', () => {
    const twin = candidate('twin', { isrc: 'GB-UM7-10-29604', album: 'Hits' });
    expect(decideChecked(original, [twin]).decision).toBe('isrc');
  });

  it('takes a twin whose length is wildly off for a catalog error, scores it, and says so', () => {
    const radioEdit = candidate('edit', { isrc: ISRC, duration: '3:20', album: 'Single' });
    const decision = decideChecked(original, [radioEdit]);
    expect(decision.decision).toBe('none');
    expect(decision.reasons.some((r) => r.includes('too far apart for one recording'))).toBe(true);
  });

  it('takes a twin for a catalog error when neither title nor artist agrees', () => {
    const stranger = candidate('other', { isrc: ISRC, title: 'Closing Time', artists: ['Semisonic'] });
    const remaster = candidate('remaster', { title: 'Bohemian Rhapsody - Remastered 2011' });
    const decision = decideChecked(original, [stranger, remaster]);
    expect(decision.decision).toBe('match');
    expect(decision.replacement?.id).toBe('remaster');
    expect(decision.reasons.some((r) => r.includes('neither its title nor its artist agrees'))).toBe(true);
  });
});

describe('decide: scored match', () => {
  it('never picks an unavailable track or the original itself, however well they score', () => {
    const self = { ...original };
    const unavailable = candidate('gone', { available: false });
    const live = candidate('live', { title: 'Bohemian Rhapsody - Live Aid', duration: '2:28' });
    const decision = decideChecked(original, [self, unavailable, live]);
    expect(decision.decision).toBe('none');
    expect(decision.runnersUp.map((r) => r.track.id)).toEqual(['live']);
  });

  it('picks the best candidate and explains it part by part', () => {
    const remaster = candidate('remaster', {
      title: 'Bohemian Rhapsody - Remastered 2011',
      duration: '5:56',
    });
    const cover = candidate('cover', { artists: ['Panic! At The Disco'], duration: '6:02' });
    const decision = decideChecked(original, [cover, remaster]);
    expect(decision.decision).toBe('match');
    expect(decision.replacement?.id).toBe('remaster');
    expect(decision.score).toBe(1);
    expect(decision.reasons).toContain('title matches');
    expect(decision.reasons).toContain('duration within 1 s (5:56 vs 5:55)');
    expect(decision.runnersUp.map((r) => r.track.id)).toEqual(['cover']);
  });

  it('prefers the album to a compilation copy of the same song', () => {
    const hits = candidate('hits', { album: 'Greatest Hits', popularity: 0.9 });
    const album = candidate('album', { album: 'A Night At The Opera (Deluxe)', popularity: 0.2 });
    const decision = decideChecked(original, [hits, album]);
    expect(decision.replacement?.id).toBe('album');
    expect(decision.reasons.at(-1)).toBe(
      'chosen over 1 other release of the same song for the same album as the original',
    );
  });

  it('gives the same decision whatever the order of the candidates', () => {
    const tracks = [
      candidate('a', { album: 'Greatest Hits' }),
      candidate('b', { album: 'Deluxe' }),
      candidate('c', { title: 'Bohemian Rhapsody - Live', duration: '6:10' }),
      candidate('d', { artists: ['Someone'] }),
    ];
    const first = decideChecked(original, tracks);
    expect(decideChecked(original, [...tracks].reverse())).toEqual(first);
  });

  it('refuses to choose between two different candidates that score alike', () => {
    const base = makeTrack({
      id: 'o',
      title: 'Wake Up',
      artists: ['Arcade Fire'],
      duration: '5:35',
      available: false,
    });
    const one = makeTrack({ id: 'x', title: 'Wake Up Call', artists: ['Arcade Fire'], duration: '5:35' });
    const two = makeTrack({ id: 'y', title: 'Wake Up Song', artists: ['Arcade Fire'], duration: '5:35' });
    const decision = decideChecked(base, [one, two], { threshold: 0.5 });
    expect(decision.decision).toBe('none');
    expect(decision.reasons[0]).toMatch(/^two different candidates are too close to choose between/);
  });

  it('says none, with the best candidate and what is wrong with it, below the threshold', () => {
    const live = candidate('live', { title: 'Bohemian Rhapsody - Live Aid', duration: '5:55' });
    const decision = decideChecked(original, [live]);
    expect(decision.decision).toBe('none');
    expect(decision.replacement).toBeNull();
    expect(decision.score).toBeNull();
    expect(decision.parts).toBeNull();
    expect(decision.reasons[0]).toContain('version differs: live (Live Aid) vs studio');
  });

  it('says so when the search found nothing', () => {
    const decision = decideChecked(original, []);
    expect(decision.decision).toBe('none');
    expect(decision.reasons).toEqual(['the catalog search returned no candidates']);
  });

  it('lists at most the requested number of runners-up, the choice not among them', () => {
    const tracks = ['a', 'b', 'c', 'd', 'e'].map((id, i) => candidate(id, { artists: [`Cover ${i}`] }));
    const remaster = candidate('r', { title: 'Bohemian Rhapsody - Remastered' });
    const decision = decideChecked(original, [...tracks, remaster], { runnersUp: 2 });
    expect(decision.replacement?.id).toBe('r');
    expect(decision.runnersUp).toHaveLength(2);
    expect(decision.runnersUp.map((r) => r.track.id)).not.toContain('r');
  });

  it('honours a threshold given in the options', () => {
    const drifted = candidate('drift', { duration: '6:03' });
    expect(decideChecked(original, [drifted]).decision).toBe('none');
    expect(decideChecked(original, [drifted], { threshold: 0.3 }).decision).toBe('match');
  });
});

describe('decide: explicitness policy', () => {
  const clean = makeTrack({ ...sketch, isrc: null });
  const explicitCut = candidate('explicit', { isrc: null, explicit: true });
  const explicitLive = candidate('explicit-live', {
    isrc: null,
    explicit: true,
    title: 'Bohemian Rhapsody - Live',
    duration: '6:05',
  });

  it('never replaces a clean original with an explicit track under strict (the default)', () => {
    expect(decideChecked(clean, [explicitCut]).replacement).toBeNull();
    expect(decideChecked(clean, [explicitCut], { explicit: 'strict' }).replacement).toBeNull();
  });

  it('lets the explicit cut of the same recording replace it under allow, and says so', () => {
    const decision = decideChecked(clean, [explicitCut, explicitLive], { explicit: 'allow' });
    expect(decision.replacement?.id).toBe('explicit');
    expect(decision.reasons).toContain('explicit version of a clean original (allowed: explicit allow)');
  });

  it('still prefers a release as clean as the original under allow', () => {
    const cleanCopy = candidate('clean-copy', { isrc: null, album: 'Greatest Hits' });
    expect(decideChecked(clean, [explicitCut, cleanCopy], { explicit: 'allow' }).replacement?.id).toBe(
      'clean-copy',
    );
  });

  it('allows explicitness to differ, not the recording: another version stays out', () => {
    expect(decideChecked(clean, [explicitLive], { explicit: 'allow' }).replacement).toBeNull();
  });
});

describe('decide: details TIDAL hides', () => {
  const hidden = makeTrack({
    id: 'hidden',
    title: 'Unavailable',
    artists: ['Unknown Artist'],
    album: null,
    duration: '5:55',
    available: false,
  });

  it("never matches 'Unavailable' by 'Unknown Artist' on its text", () => {
    const sameText = candidate('same-text', { title: 'Unavailable', artists: ['Unknown Artist'] });
    const songTitled = candidate('titled', { title: 'Unavailable', artists: ['Pale Waves'] });
    const decision = decideChecked(hidden, [sameText, songTitled]);
    expect(decision.replacement).toBeNull();
    expect(decision.reasons[0]).toBe(
      "TIDAL hides this track's details (it shows 'Unavailable' by Unknown Artist), so there is nothing to match it on",
    );
    expect(decision.runnersUp.map((r) => r.track.id)).toEqual([]);
  });

  it('says so when TIDAL gives no details at all, whatever the candidates', () => {
    const blank = makeTrack({ id: 'blank', title: '', artists: [], album: null, available: false });
    expect(decideChecked(blank, []).reasons).toEqual([
      'TIDAL gives no details of this track, so there is nothing to match it on',
    ]);
  });

  it('still takes an available track with its ISRC and its length', () => {
    const withIsrc = { ...hidden, isrc: ISRC };
    const twin = candidate('twin', { isrc: ISRC });
    const decision = decideChecked(withIsrc, [twin]);
    expect(decision.decision).toBe('isrc');
    expect(decision.replacement?.id).toBe('twin');
  });

  it('never chooses a candidate whose details are hidden', () => {
    const placeholder = candidate('placeholder', { artists: ['Unknown Artist'] });
    expect(decideChecked(original, [placeholder]).reasons[0]).toBe(
      'no available candidate: 1 with details TIDAL hides',
    );
  });
});

describe('decide: the same ISRC in another script', () => {
  const korean = makeTrack({
    id: 'ko',
    title: '밤편지',
    artists: ['아이유'],
    duration: '4:13',
    album: 'Palette',
    isrc: 'KRA381700452',
    available: false,
  });

  it('trusts a twin listed in another script when the length agrees, and says why', () => {
    const twin = makeTrack({
      id: 'en',
      title: 'Through the Night',
      artists: ['IU'],
      duration: '4:13',
      isrc: 'KRA381700452',
    });
    const decision = decideChecked(korean, [twin]);
    expect(decision.decision).toBe('isrc');
    expect(decision.reasons).toContain(
      "listed as 'Through the Night' by IU, in another script than the original; the ISRC and the length (4:13) agree",
    );
  });

  it('still takes a twin in the same script that agrees in nothing for a catalog error', () => {
    const other = makeTrack({
      id: 'other',
      title: '좋은 날',
      artists: ['백예린'],
      duration: '4:13',
      isrc: 'KRA381700452',
    });
    expect(decideChecked(korean, [other]).decision).toBe('none');
  });

  it('takes a twin in another script whose length differs for a catalog error', () => {
    const longer = makeTrack({
      id: 'en',
      title: 'Through the Night',
      artists: ['IU'],
      duration: '4:40',
      isrc: 'KRA381700452',
    });
    expect(decideChecked(korean, [longer]).decision).toBe('none');
  });
});

describe('decide: when nothing comes close', () => {
  it('names the nearest candidate by title, not an arbitrary one, when every one scores 0', () => {
    const byOther = candidate('a-other', { isrc: null, artists: ['Someone Else'] });
    const otherSong = candidate('b-other-song', { isrc: null, title: 'Somebody To Love' });
    const decision = decideChecked(original, [otherSong, byOther]);
    expect(decision.reasons[0]).toBe(
      "no candidate came close: every one scored 0.00; the nearest by title, 'Bohemian Rhapsody' by Someone Else, is out because primary artist differs: Someone Else vs Queen",
    );
    expect(decision.runnersUp[0]?.track.id).toBe('a-other');
  });

  it('names none when no title resembles the original', () => {
    const decision = decideChecked(original, [
      candidate('x', { isrc: null, title: 'Yellow', artists: ['Coldplay'] }),
    ]);
    expect(decision.reasons[0]).toBe(
      "no candidate came close: every one scored 0.00, and none has a title like 'Bohemian Rhapsody'",
    );
  });
});
