/**
 * Folds text into the comparable form every key in this library is built from: lower case, no diacritics,
 * Cyrillic and Greek transliterated to Latin (catalogs list the same release in both scripts), `&` and `+`
 * read as "and", apostrophes dropped inside words (`Don't` = `Dont`), other punctuation as spaces.
 * Scripts without a simple transliteration (CJK, Hangul, Arabic...) are kept as they are.
 */
export function foldText(text: string): string {
  const lower = text.toLowerCase().replace(GREEK_OU, 'ou');
  let out = '';
  // Spaces are written lazily, so runs of punctuation collapse into one and none trails.
  let space = false;
  for (let i = 0; i < lower.length; i++) {
    const code = lower.charCodeAt(i);
    let piece: string;
    if (code < 0x80) {
      if ((code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39)) piece = lower[i]!;
      else if (code === 0x27 || code === 0x60)
        continue; // ' and `: "Don't" reads "Dont"
      else if (code === 0x24 && (isLetter(lower, i - 1) || isLetter(lower, i + 1))) {
        piece = 's'; // Ke$ha, A$AP Rocky, Ty Dolla $ign: a dollar sign standing in for an S.
      } else if (code === 0x21 && isLetter(lower, i - 1) && isLetter(lower, i + 1)) {
        piece = 'i'; // P!nk: an exclamation mark standing in for an I inside a name.
      } else if (code === 0x26 || code === 0x2b) piece = ' and ';
      else piece = ' ';
    } else {
      piece = foldNonAscii(lower[i]!);
    }
    for (let j = 0; j < piece.length; j++) {
      const ch = piece[j]!;
      if (ch === ' ') space = out.length > 0;
      else {
        if (space) out += ' ';
        out += ch;
        space = false;
      }
    }
  }
  return out;
}

function foldNonAscii(ch: string): string {
  const special = SPECIAL[ch];
  if (special !== undefined) return special;
  if (APOSTROPHES.has(ch)) return '';
  const code = ch.charCodeAt(0);
  if (code >= 0xff01 && code <= 0xff5e) return foldText(ch.normalize('NFKC'));
  if (code >= 0x530 && !(code >= 0x1e00 && code <= 0x1fff)) {
    // Outside Latin, Greek and Cyrillic: no diacritics to strip (kana voicing marks are part of the letter).
    return WORD_OR_MARK.test(ch) ? ch : ' ';
  }
  let out = '';
  for (const part of ch.normalize('NFKD')) {
    const code = part.charCodeAt(0);
    if (code >= 0x300 && code <= 0x36f) continue;
    const mapped = SPECIAL[part];
    if (mapped !== undefined) out += mapped;
    else if (code < 0x80) out += /[a-z0-9]/.test(part) ? part : ' ';
    else out += WORD_CHAR.test(part) ? part : ' ';
  }
  return out;
}

const WORD_CHAR = /[\p{L}\p{N}]/u;
const WORD_OR_MARK = /[\p{L}\p{N}\p{M}]/u;
const GREEK_OU = /ο[υύϋ]/g;
const APOSTROPHES = new Set(['’', '‘', '´', 'ʼ']);

function isLetter(text: string, at: number): boolean {
  const code = text.charCodeAt(at);
  return code >= 0x61 && code <= 0x7a;
}

/** Letters NFKD does not decompose, and the Cyrillic and Greek alphabets (a common, loss-tolerant scheme). */
const SPECIAL: Record<string, string> = {
  ø: 'o',
  æ: 'ae',
  œ: 'oe',
  ß: 'ss',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
  // Cyrillic (Russian, Ukrainian, Belarusian, Serbian letters).
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  ґ: 'g',
  д: 'd',
  е: 'e',
  ё: 'e',
  є: 'ye',
  ж: 'zh',
  з: 'z',
  и: 'i',
  і: 'i',
  ї: 'yi',
  й: 'y',
  ј: 'j',
  к: 'k',
  л: 'l',
  љ: 'lj',
  м: 'm',
  н: 'n',
  њ: 'nj',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  ћ: 'c',
  ђ: 'dj',
  у: 'u',
  ў: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  џ: 'dz',
  ш: 'sh',
  щ: 'shch',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'yu',
  я: 'ya',
  // Greek (accents are already gone after NFKD).
  α: 'a',
  β: 'v',
  γ: 'g',
  δ: 'd',
  ε: 'e',
  ζ: 'z',
  η: 'i',
  θ: 'th',
  ι: 'i',
  κ: 'k',
  λ: 'l',
  μ: 'm',
  ν: 'n',
  ξ: 'x',
  ο: 'o',
  π: 'p',
  ρ: 'r',
  σ: 's',
  ς: 's',
  τ: 't',
  υ: 'y',
  φ: 'f',
  χ: 'ch',
  ψ: 'ps',
  ω: 'o',
};
