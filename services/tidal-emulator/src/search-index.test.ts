import { describe, expect, it } from 'vitest';
import { SearchIndex, tokenize } from './search-index.js';

describe('tokenize', () => {
  it('lower-cases, drops diacritics and punctuation, keeps any script', () => {
    expect(tokenize('Beyoncé – Crazy in Love (feat. JAY-Z)')).toEqual([
      'beyonce',
      'crazy',
      'in',
      'love',
      'feat',
      'jay',
      'z',
    ]);
    expect(tokenize('Sigur Rós · 坂本龍一')).toEqual(['sigur', 'ros', '坂本龍一']);
  });
});

describe('SearchIndex', () => {
  const index = new SearchIndex([
    { id: '1', title: 'Yesterday', version: null, artistNames: ['The Beatles'], popularity: 0.9 },
    { id: '2', title: 'Yesterday', version: 'Live', artistNames: ['The Beatles'], popularity: 0.5 },
    { id: '3', title: 'Yesterday', version: null, artistNames: ['Ray Charles'], popularity: 0.6 },
    { id: '4', title: 'Help!', version: '2009 Remaster', artistNames: ['The Beatles'], popularity: 0.8 },
  ]);

  it('ranks title and artist matches above partial ones, then by popularity', () => {
    expect(index.search('beatles yesterday')).toEqual(['1', '2', '3', '4']);
    expect(index.search('yesterday live')).toEqual(['2', '1', '3']);
    expect(index.search('remaster')).toEqual(['4']);
  });

  it('filters and ignores empty queries', () => {
    expect(index.search('yesterday', (id) => id !== '1')).toEqual(['3', '2']);
    expect(index.search(' !! ')).toEqual([]);
  });
});
