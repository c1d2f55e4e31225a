import { describe, expect, it } from 'vitest';
import { classifyVersion, type VersionKind } from './version-tag.js';

function kinds(text: string): VersionKind[] {
  return classifyVersion(text).map((tag) => tag.kind);
}

describe('classifyVersion', () => {
  it.each<[string, VersionKind[]]>([
    ['2011 Remaster', ['remaster']],
    ['Remastered 2009', ['remaster']],
    ['2011 Remastered Version', ['remaster']],
    ['2017 Master', ['remaster']],
    ['Live', ['live']],
    ['Live at Wembley Stadium / July 1986', ['live']],
    ['Live / Remastered', ['remaster', 'live']],
    ['MTV Unplugged', ['live', 'acoustic']],
    ['Acoustic', ['acoustic']],
    ['Radio Edit', ['edit']],
    ['Single Version', ['edit']],
    ['7" Edit', ['edit']],
    ['Extended Mix', ['extended']],
    ['12" Version', ['extended']],
    ['Original Mix', ['original']],
    ['Album Version', ['original']],
    ['Armand Van Helden Remix', ['remix']],
    ["Jacques Lu Cont's Thin White Duke Mix", ['remix']],
    ['Purple Disco Machine Edit', ['remix']],
    ['Remix', ['remix']],
    ['2019 Mix', ['newmix']],
    ['Mono', ['mono']],
    ['Stereo / Remastered', ['remaster', 'stereo']],
    ['Instrumental', ['instrumental']],
    ['off vocal', ['instrumental']],
    ['A Cappella', ['acappella']],
    ['Demo', ['demo']],
    ['Take 9', ['alternate']],
    ['Pennine Version', ['alternate']],
    ["Taylor's Version", ['rerecording']],
    ['Re-Recorded', ['rerecording']],
    ['Karaoke Version', ['karaoke']],
    ['Sped Up', ['speed']],
    ['Slowed + Reverb', ['speed']],
    ['Reprise', ['reprise']],
    ['Spanish Version', ['language']],
    ['From "8 Mile" Soundtrack', ['soundtrack']],
    ['Deluxe Edition', ['edition']],
    ['Clean', ['clean']],
    ['Explicit', ['explicit']],
  ])('%s', (text, expected) => {
    expect(kinds(text)).toEqual(expected);
  });

  it('returns nothing for a bracket that names no version, so it stays in the title', () => {
    expect(kinds("I Can't Get No")).toEqual([]);
    expect(kinds('Forget About Me')).toEqual([]);
    expect(kinds('Bamboo')).toEqual([]);
  });

  it('keeps what tells two tags of one kind apart: the venue, the remixer, the language', () => {
    expect(classifyVersion("Live at Wembley '86")[0]?.detail).toBe('wembley 86');
    expect(classifyVersion('Armand Van Helden Remix')[0]?.detail).toBe('armand van helden');
    expect(classifyVersion('Spanish Version')[0]?.detail).toBe('spanish');
    expect(classifyVersion('Live')[0]?.detail).toBeNull();
  });

  it('keeps the text as the catalog wrote it, for reasons', () => {
    expect(classifyVersion('  Live at Wembley  ')[0]?.text).toBe('Live at Wembley');
  });
});
