let row = new Uint16Array(64);

/**
 * Levenshtein similarity of two keys, 1 - distance / longer length, in [0, 1]. Titles are short, so the
 * plain two-row algorithm over one reused buffer is fast enough to score hundreds of thousands a second.
 */
export function similarity(a: string, b: string): number {
  if (a === b) return 1;
  const la = a.length;
  const lb = b.length;
  if (la === 0 || lb === 0) return 0;
  if (lb + 1 > row.length) row = new Uint16Array(lb + 1);
  for (let j = 0; j <= lb; j++) row[j] = j;
  for (let i = 1; i <= la; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= lb; j++) {
      const above = row[j]!;
      const cost = ca === b.charCodeAt(j - 1) ? 0 : 1;
      row[j] = Math.min(above + 1, row[j - 1]! + 1, diagonal + cost);
      diagonal = above;
    }
  }
  return 1 - row[lb]! / Math.max(la, lb);
}

/**
 * The consonant skeleton of a Latin key: vowels and `y` dropped, doubled letters merged. Romanisations
 * of one Cyrillic or Japanese title differ mostly in vowels ("Pervaya Lyubov" / "Pervaia Liubov"), so equal
 * skeletons of a long enough key are strong evidence of the same title. Empty for short or non-Latin keys.
 */
export function consonantSkeleton(key: string): string {
  if (key.length < 6 || !/^[a-z0-9 ]+$/.test(key)) return '';
  const stripped = key.replace(/[aeiouy ]/g, '').replace(/(.)\1+/g, '$1');
  return stripped.length >= 4 ? stripped : '';
}

/**
 * The consonants of a transliterated key, for a title written in another script: vowels, `y`, `w`, `v`
 * and spaces dropped, doubled letters merged ("im ninalu" and the Hebrew's "m nnlv" both read "mnnl").
 * Empty below three consonants, where equal skeletons would say little.
 */
export function abjadSkeleton(key: string): string {
  const stripped = key.replace(/[aeiouywv ]/g, '').replace(/(.)\1+/g, '$1');
  return stripped.length >= 3 ? stripped : '';
}

/**
 * Word-level agreement of two keys: each word of one matched to an equal or near-equal word of the other
 * (a typo, a dropped letter), 2 x matched / total. "without me" and "without you" share only half their
 * words, which the character-level similarity (0.73) hides.
 */
export function wordSimilarity(a: string, b: string): number {
  const wordsA = a.split(' ');
  const wordsB = b.split(' ');
  const used = new Array<boolean>(wordsB.length).fill(false);
  let matched = 0;
  for (const word of wordsA) {
    for (let j = 0; j < wordsB.length; j++) {
      if (used[j]) continue;
      const other = wordsB[j]!;
      if (word === other || (Math.min(word.length, other.length) >= 4 && similarity(word, other) >= 0.75)) {
        used[j] = true;
        matched++;
        break;
      }
    }
  }
  return (2 * matched) / (wordsA.length + wordsB.length);
}
