import { describe, expect, it } from 'vitest';
import { makeTrack } from './make-track.js';
import { searchQueryFor } from './search-query.js';

describe('searchQueryFor', () => {
  it.each([
    [{ title: 'Bohemian Rhapsody - Remastered 2011', artists: ['Queen'] }, 'Queen Bohemian Rhapsody'],
    [
      { title: 'Get Lucky (feat. Pharrell Williams)', artists: ['Daft Punk', 'Pharrell Williams'] },
      'Daft Punk Get Lucky',
    ],
    [{ title: "Song (Live at Wembley '86)", artists: ['Queen'] }, 'Queen Song'],
    [{ title: 'Группа крови', artists: ['Кино'] }, 'Кино Группа крови'],
    [
      { title: "(I Can't Get No) Satisfaction - Mono", artists: ['The Rolling Stones'] },
      "The Rolling Stones (I Can't Get No) Satisfaction",
    ],
    [{ title: 'Tiny Dancer', version: 'Remastered 2015', artists: ['Elton John'] }, 'Elton John Tiny Dancer'],
  ])('%j -> %s', (sketch, query) => {
    expect(searchQueryFor(makeTrack(sketch))).toBe(query);
  });

  it('uses the title alone for a track without artists', () => {
    expect(searchQueryFor(makeTrack({ title: 'Untitled - Demo', artists: [] }))).toBe('Untitled');
  });
});
