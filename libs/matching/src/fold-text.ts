import anyAscii from 'any-ascii';

/**
 * Folds text into the comparable form every key in this library is built from: lower case, ASCII only
 * (diacritics dropped; other scripts transliterated by any-ascii, so a release listed in Cyrillic,
 * Greek, Hangul, kana, Chinese, Hebrew, Arabic, Devanagari or Thai compares with its romanised listing,
 * as well as any per-character transliteration can), `&` and `+` read as "and", apostrophes dropped
 * inside words (`Don't` = `Dont`), other punctuation as spaces. Syllable scripts come out as one word
 * per run of letters ("봄날" -> "bomnal"); keys compare with and without their spaces where it matters.
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
  if (APOSTROPHES.has(ch)) return '';
  let folded = transliterated.get(ch);
  if (folded === undefined) {
    // Letters and digits only: any-ascii also spells symbols and emoji out as words (":heart:").
    folded = WORD_OR_MARK.test(ch)
      ? anyAscii(ch)
          .toLowerCase()
          .replace(/'/g, '')
          .replace(/[^a-z0-9]+/g, ' ')
      : ' ';
    transliterated.set(ch, folded);
  }
  return folded;
}

/** Each character's transliteration, once (the letters of the world's scripts: bounded, and few in use). */
const transliterated = new Map<string, string>();

const WORD_OR_MARK = /[\p{L}\p{N}\p{M}]/u;
/** Greek "ου" is "ou" in the romanisations catalogs use (ELOT); any-ascii writes "oy". */
const GREEK_OU = /ο[υύϋ]/g;
const APOSTROPHES = new Set(['’', '‘', '´', 'ʼ']);

function isLetter(text: string, at: number): boolean {
  const code = text.charCodeAt(at);
  return code >= 0x61 && code <= 0x7a;
}
