/**
 * Folds text into the comparable form every key in this library is built from: lower case, no diacritics,
 * Cyrillic and Greek transliterated to Latin (catalogs list the same release in both scripts), `&` and `+`
 * read as "and", apostrophes dropped inside words (`Don't` = `Dont`), other punctuation as spaces.
 * Scripts without a simple transliteration (CJK, Hangul, Arabic...) are kept as they are.
 */
export function foldText(text: string): string {
  let out = '';
  const lower = text.toLowerCase().replace(GREEK_OU, 'ou');
  for (let i = 0; i < lower.length; i++) {
    const ch = lower[i]!;
    const code = ch.charCodeAt(0);
    if (code < 0x80) {
      if ((code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39)) out += ch;
      else if (ch === "'" || ch === '`') continue;
      else if (ch === '$' && (isLetter(lower[i - 1]) || isLetter(lower[i + 1]))) {
        // Ke$ha, A$AP Rocky, Ty Dolla $ign: a dollar sign standing in for an S.
        out += 's';
      } else if (ch === '!' && isLetter(lower[i - 1]) && isLetter(lower[i + 1])) {
        // P!nk: an exclamation mark standing in for an I inside a name.
        out += 'i';
      } else if (ch === '&' || ch === '+') out += ' and ';
      else out += ' ';
      continue;
    }
    out += foldNonAscii(ch);
  }
  return out.replace(SPACES, ' ').trim();
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
const SPACES = /\s+/g;
const GREEK_OU = /ο[υύϋ]/g;
const APOSTROPHES = new Set(['’', '‘', '´', 'ʼ']);

function isLetter(ch: string | undefined): boolean {
  return ch !== undefined && /[a-z]/.test(ch);
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
