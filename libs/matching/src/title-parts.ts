import { foldText } from './fold-text.js';
import { classifyVersion, type VersionTag } from './version-tag.js';

/** A title taken apart: the song's own name, the version tags and the featured artists it carried. */
export interface TitleParts {
  /** The base title as written ("Bohemian Rhapsody"), for search queries and reasons. */
  display: string;
  /** Folded base title, part numbers as digits ("Another Brick in the Wall, Pt. II" -> "... part 2"). */
  key: string;
  /** The key without any bracket left in it ("(I Can't Get No) Satisfaction" -> "satisfaction"). */
  core: string;
  versions: VersionTag[];
  /** Featured-artist texts found in the title ("Dua Lipa", "X & Y"), not yet split. */
  featured: string[];
}

/** Brackets, dashes and "feat." are the only places a version or a guest can hide. */
const MAY_HOLD_PARTS = /[([{（【]|\s[-–—]\s|\bf(?:ea)?t\b|featuring/i;
const BRACKET = /[([{（【]([^()[\]{}（）【】]*)[)\]}）】]/g;
const DASH = /\s+[-–—]\s+/;
const FEAT_PREFIX = /^\s*(?:featuring\b|feat\b\.?|ft\b\.?|with\b|w\/)\s*(.+)$/i;
const CREDIT_PREFIX = /^\s*(?:prod\.?|produced by)\s+/i;
const TRAILING_FEAT = /\s+(?:featuring|feat\.|ft\.|feat)\s+(.+)$/i;

/**
 * Takes a title apart. Only bracketed parts and dash-separated suffixes can be versions, and only when
 * they name one ("(Live at Wembley)", "- 2011 Remaster"): "Live Forever" and "Remix to Ignition" keep
 * their words. A bracket that names nothing known stays in the title.
 */
export function parseTitle(title: string): TitleParts {
  if (!MAY_HOLD_PARTS.test(title)) {
    const display = title.replace(/\s+/g, ' ').trim();
    const key = titleKey(display);
    return { display, key, core: key, versions: [], featured: [] };
  }
  const versions: VersionTag[] = [];
  const featured: string[] = [];
  const unknownBrackets: string[] = [];

  let rest = title.replace(BRACKET, (whole, content: string) => {
    const feat = FEAT_PREFIX.exec(content);
    if (feat?.[1] !== undefined) {
      featured.push(feat[1]);
      return ' ';
    }
    if (CREDIT_PREFIX.test(content)) return ' ';
    const tags = classifyVersion(content);
    if (tags.length > 0) {
      versions.push(...tags);
      return ' ';
    }
    unknownBrackets.push(whole);
    return whole;
  });

  const segments = rest.split(DASH);
  if (segments.length > 1 && segments[0]!.trim() !== '') {
    const kept = [segments[0]!];
    for (const segment of segments.slice(1)) {
      const feat = FEAT_PREFIX.exec(segment);
      const tags = feat === null ? classifyVersion(segment) : [];
      if (feat?.[1] !== undefined) featured.push(feat[1]);
      else if (tags.length > 0) versions.push(...tags);
      else kept.push(segment);
    }
    rest = kept.join(' - ');
  }

  const trailing = TRAILING_FEAT.exec(rest);
  if (trailing?.[1] !== undefined) {
    featured.push(trailing[1]);
    rest = rest.slice(0, trailing.index);
  }

  const display = rest
    .replace(/\s+/g, ' ')
    .replace(/[\s,;:/-]+$/, '')
    .trim();
  const key = titleKey(display);
  let core = key;
  if (unknownBrackets.length > 0) {
    let bare = display;
    for (const bracket of unknownBrackets) bare = bare.replace(bracket, ' ');
    core = titleKey(bare) || key;
  }
  return { display: display || title.trim(), key: key || foldText(title), core, versions, featured };
}

const ROMAN = new Map([
  ['i', '1'],
  ['ii', '2'],
  ['iii', '3'],
  ['iv', '4'],
  ['v', '5'],
  ['vi', '6'],
  ['vii', '7'],
  ['viii', '8'],
  ['ix', '9'],
  ['x', '10'],
  ['xi', '11'],
  ['xii', '12'],
]);
/**
 * Words worth a second look: numbering abbreviations, anything that could be a roman numeral, and a
 * catalogue number run together with its letters ("BWV1007", "Op.18" folds to "op 18" already).
 */
const NUMBERING_HINT = /\b(?:pts?|vol|[ivx]+)\b|[a-z]\d/;
/** Classical catalogue and numbering prefixes, split from a number written against them ("No.1", "BWV1007"). */
const CATALOGUE_RUN = /^(no|nr|op|bwv|kv|k|hob|rv|hwv|woo|d|l|sz|sc)(\d+)$/;
/**
 * A movement numbered in roman numerals ("Op. 67: I. Allegro con brio", "- II. Adagio"), written in
 * Arabic numerals on other releases ("1. Allegro con brio"): read before folding drops the colon and dot.
 */
const MOVEMENT_ROMAN = /(^|[:/]\s*|\s[-–—]\s*)([IVX]{1,4})\.(?=\s)/g;
/** Roman numerals that are also words ("I", "V", "X") count as numbers only after one of these. */
const NUMBERING_WORDS = new Set(['part', 'volume', 'chapter', 'book', 'act', 'movement', 'number']);
const AMBIGUOUS_ROMAN = new Set(['i', 'v', 'x']);

/** Folds a title and writes part numbers one way: "Pt. II" and "Part 2" both read "part 2". */
export function titleKey(text: string): string {
  const movements = text.includes('.')
    ? text.replace(
        MOVEMENT_ROMAN,
        (_, lead: string, roman: string) => `${lead}${ROMAN.get(roman.toLowerCase()) ?? roman}.`,
      )
    : text;
  const folded = foldText(movements);
  if (!NUMBERING_HINT.test(folded)) return folded;
  const words = folded.split(' ');
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    if (word === 'pt' || word === 'pts') words[i] = 'part';
    else if (word === 'vol') words[i] = 'volume';
    const run = CATALOGUE_RUN.exec(word);
    if (run !== null) {
      words[i] = `${run[1]} ${run[2]}`;
      continue;
    }
    const roman = ROMAN.get(word);
    if (roman === undefined) continue;
    const previous = words[i - 1];
    if (!AMBIGUOUS_ROMAN.has(word) || (previous !== undefined && NUMBERING_WORDS.has(previous))) {
      words[i] = roman;
    }
  }
  return words.join(' ');
}

/**
 * Reads TIDAL's separate version field: usually a version ("2011 Remaster", "Live"), sometimes a featured
 * artist ("feat. Sia"), and sometimes a name known to nothing here ("Pennine Version" is known; "Bamboo"
 * is not), which still marks a version of its own.
 */
export function parseVersionField(version: string | null): { versions: VersionTag[]; featured: string[] } {
  if (version === null || version.trim() === '') return { versions: [], featured: [] };
  const feat = FEAT_PREFIX.exec(version);
  if (feat?.[1] !== undefined) return { versions: [], featured: [feat[1]] };
  const tags = classifyVersion(version);
  if (tags.length > 0) return { versions: tags, featured: [] };
  return { versions: [{ kind: 'other', detail: foldText(version), text: version.trim() }], featured: [] };
}
