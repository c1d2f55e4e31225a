import { describe, expect, it } from 'vitest';
import { foldText } from './fold-text.js';

describe('foldText', () => {
  it.each([
    ['Bohemian Rhapsody', 'bohemian rhapsody'],
    ['Björk', 'bjork'],
    ['Sigur Rós', 'sigur ros'],
    ['Beyoncé', 'beyonce'],
    ['Mötley Crüe', 'motley crue'],
    ['Łódź', 'lodz'],
    ['Ærø straße', 'aero strasse'],
    ['Şımarık', 'simarik'],
    ['Hãy Trao Cho Anh', 'hay trao cho anh'],
    ['Águas de Março', 'aguas de marco'],
  ])('strips diacritics: %s', (input, folded) => {
    expect(foldText(input)).toBe(folded);
  });

  it.each([
    ['Группа крови', 'gruppa krovi'],
    ['Звезда по имени Солнце', 'zvezda po imeni solntse'],
    ['Без бою', 'bez boyu'],
    ['Не ломите ми багрење', 'ne lomite mi bagrenje'],
    ['Αύγουστος', 'aygoustos'],
    ['Ђорђе Балашевић', 'djordje balashevic'],
  ])('transliterates Cyrillic and Greek: %s', (input, folded) => {
    expect(foldText(input)).toBe(folded);
  });

  it.each([
    ['ヨルシカ', 'yorushika'],
    ['ガガ', 'gaga'],
    ['봄날', 'bomnal'],
    ['소주 한 잔', 'soju han jan'],
    ['周杰倫', 'zhoujielun'],
    ['周杰伦', 'zhoujielun'],
    ['तुम ही हो', 'tum hi ho'],
  ])('transliterates other scripts letter by letter: %s', (input, folded) => {
    expect(foldText(input)).toBe(folded);
  });

  it('folds full-width Latin letters, and spells no symbol out', () => {
    expect(foldText('ＬＯＶＥマシーン')).toBe('lovemashin');
    expect(foldText('Love ♥ Song ★')).toBe('love song');
  });

  it('drops apostrophes inside words, straight or curly', () => {
    expect(foldText("Don't Stop")).toBe('dont stop');
    expect(foldText('Don’t Stop')).toBe('dont stop');
    expect(foldText("Guns N' Roses")).toBe('guns n roses');
  });

  it('reads & and + as "and", other punctuation as one space', () => {
    expect(foldText('Simon & Garfunkel')).toBe('simon and garfunkel');
    expect(foldText('Florence + The Machine')).toBe('florence and the machine');
    expect(foldText('  Jay-Z -- (Live)!! ')).toBe('jay z live');
  });

  it('reads signs standing in for letters in names', () => {
    expect(foldText('Ke$ha')).toBe('kesha');
    expect(foldText('A$AP Rocky')).toBe('asap rocky');
    expect(foldText('Ty Dolla $ign')).toBe('ty dolla sign');
    expect(foldText('P!nk')).toBe('pink');
    expect(foldText('Panic! At The Disco')).toBe('panic at the disco');
  });
});
