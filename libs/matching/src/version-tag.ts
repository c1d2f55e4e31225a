import { foldText } from './fold-text.js';

/**
 * What a version tag says about a recording. Three groups:
 * - editions of the same recording (`remaster`, `edition`, `original`, `soundtrack`, `stereo`, and the
 *   `explicit`/`clean` markers): they never make two tracks different;
 * - other mixes of the same performance (`mono`, `newmix`): close, slightly penalised;
 * - distinct recordings or edits (`live`, `remix`, `edit`, ...): a studio original is not a live take.
 */
export type VersionKind =
  | 'remaster'
  | 'edition'
  | 'original'
  | 'soundtrack'
  | 'stereo'
  | 'explicit'
  | 'clean'
  | 'mono'
  | 'newmix'
  | 'live'
  | 'acoustic'
  | 'remix'
  | 'edit'
  | 'extended'
  | 'instrumental'
  | 'acappella'
  | 'demo'
  | 'alternate'
  | 'rerecording'
  | 'karaoke'
  | 'speed'
  | 'orchestral'
  | 'reprise'
  | 'language'
  | 'other';

export interface VersionTag {
  kind: VersionKind;
  /** What tells two tags of one kind apart: the venue of a live take, the remixer, the language. */
  detail: string | null;
  /** The text the tag came from, as the catalog wrote it, for reasons. */
  text: string;
  /** Read from the album's title, not the track's own words ("Lean On (Remixes)"). */
  fromAlbum?: true;
}

const NEUTRAL_KINDS: ReadonlySet<VersionKind> = new Set([
  'remaster',
  'edition',
  'original',
  'soundtrack',
  'stereo',
  'explicit',
  'clean',
]);

/** True when the tag changes what is heard (anything but an edition or explicitness marker). */
export function isDistinctVersion(kind: VersionKind): boolean {
  return !NEUTRAL_KINDS.has(kind);
}

interface Rule {
  kind: VersionKind;
  pattern: RegExp;
}

// Order matters only for which kind receives the leftover words as its detail (the first that wants one).
const RULES: readonly Rule[] = [
  {
    kind: 'remaster',
    pattern: /\bre ?master(ed|ing)?\b|\b(19|20)\d\d (digital )?master\b|\bremasterizado\b|\bremasterisee?\b/,
  },
  { kind: 'live', pattern: /\blive\b|\bin concert\b|\bunplugged\b|\ben vivo\b|\ben directo\b|\bao vivo\b/ },
  {
    kind: 'acoustic',
    pattern: /\bacoustic\b|\bunplugged\b|\bstripped\b|\bpiano (version|ver)\b|\bacustic[oa]\b/,
  },
  { kind: 'instrumental', pattern: /\binstrumental\b|\binst\b|\boff vocal\b|\bbacking track\b/ },
  { kind: 'acappella', pattern: /\ba ?capp?ella\b|\bvocals? only\b/ },
  {
    kind: 'karaoke',
    pattern: /\bkaraoke\b|\boriginally performed\b|\bin the style of\b|\bmade famous\b|\bmade popular\b/,
  },
  { kind: 'demo', pattern: /\bdemo\b|\bhome recording\b|\bwork(ing)? tape\b/ },
  {
    kind: 'alternate',
    pattern:
      /\balternate\b|\balternative (take|version|mix)\b|\balt\b|\btake \d+\b|\bouttakes?\b|\brehearsal\b|\bearly version\b|\bsessions?\b|\bmixed\b|\bnew version\b|\b(19|20)\d\d version\b/,
  },
  {
    kind: 'rerecording',
    pattern: /\bre ?record(ed|ing)?\b|\brerecord(ed|ing)?\b|\btaylors version\b|\bnew recording\b/,
  },
  {
    kind: 'speed',
    pattern: /\bsped up\b|\bspeed up\b|\bslowed\b|\breverb\b|\bnightcore\b|\bdaycore\b|\bscrewed\b/,
  },
  { kind: 'orchestral', pattern: /\borchestral\b|\bsymphonic\b|\borchestra\b|\borchestrated\b/ },
  { kind: 'reprise', pattern: /\breprise\b/ },
  {
    kind: 'language',
    pattern:
      /\b(spanish|english|french|italian|german|portuguese|japanese|korean|chinese|mandarin|cantonese|espanol|spanglish|russian)\b/,
  },
  { kind: 'extended', pattern: /\bextended\b|\b12 (inch )?(version|mix)\b|\b12 inch\b|\blong version\b/ },
  {
    kind: 'original',
    pattern: /\boriginal (mix|version|recording|take)\b|\balbum (version|mix|edit)\b|\blp version\b/,
  },
  {
    kind: 'soundtrack',
    pattern:
      /^from\b|\bfrom (the )?(film|movie|motion picture|musical|series|tv|netflix|original|disney)\b|\b(song|theme) from\b|\bsoundtrack\b|\bost\b|\bmotion picture\b/,
  },
  {
    kind: 'edition',
    pattern:
      /\bdeluxe\b|\bedition\b|\banniversary\b|\bexpanded\b|\bbonus\b|\bcollectors\b|\bhidden track\b|\blegacy\b/,
  },
  { kind: 'mono', pattern: /\bmono\b/ },
  { kind: 'stereo', pattern: /\bstereo\b/ },
  { kind: 'explicit', pattern: /\bexplicit\b|\bdirty\b|\buncensored\b/ },
  { kind: 'clean', pattern: /\bclean\b|\bcensored\b|\bedited\b/ },
];

const REMIX = /\bre ?mix(ed|es)?\b|\brmx\b|\brework(ed)?\b|\bbootleg\b|\bvip\b|\bdub\b|\bflip\b/;
const MIX = /\bmix\b/;
const EDIT =
  /\bedit\b|\b7 inch\b|\bradio (version|mix|cut)\b|\bsingle (version|mix|cut)\b|\bshort (version|cut)\b|\b7 (inch )?(version|mix)\b|\bvideo version\b/;
const VERSION_WORD = /\bversion\b|\bver\b|\bversao\b/;
const YEAR = /^(19|20)\d\d$/;
const ORDINAL = /^\d+(st|nd|rd|th)$/;

/** Words that name a kind or only glue a tag together; what is left over is the tag's detail. */
const KEYWORDS = new Set(
  (
    'remaster remastered remastering re master mastered digital remasterizado remasterise remasterisee live in concert unplugged en vivo directo ao vivo ' +
    'acoustic stripped piano acustico acustica instrumental inst off vocal vocals backing track a cappella capella acappella acapella only ' +
    'karaoke originally performed style made famous popular demo home recording work working tape alternate alternative take ' +
    'outtake outtakes rehearsal early sessions session mixed new recorded record recording rerecorded rerecord rerecording ' +
    'taylors sped up speed slowed reverb nightcore daycore screwed orchestral symphonic orchestra orchestrated reprise ' +
    'extended long inch original album lp from film movie motion picture musical series tv netflix disney soundtrack ost song theme ' +
    'deluxe edition anniversary expanded bonus collectors hidden legacy mono stereo explicit dirty uncensored clean ' +
    'censored edited remix remixed remixes rmx rework reworked bootleg vip dub flip mix edit radio single short cut video version ' +
    'ver versao at the of on by a an and with feat ft featuring prod produced official audio digital special'
  ).split(' '),
);

/**
 * Reads a version text ("2011 Remaster", "Live at Wembley '86", "Armand Van Helden Remix", "Radio Edit")
 * into tags. Returns [] when the text names no known version, so a title's bracket such as
 * "(I Can't Get No)" stays part of the title.
 */
export function classifyVersion(text: string): VersionTag[] {
  const folded = foldText(text);
  if (folded === '') return [];
  const found = new Found(text.trim());
  for (const rule of RULES) if (rule.pattern.test(folded)) found.add(rule.kind);

  const words = folded.split(' ');
  const hasYear = words.some((w) => YEAR.test(w));
  const residualWords = words.filter((w) => !KEYWORDS.has(w) && !ORDINAL.test(w));
  const datedEdition = found.has('remaster') || found.has('edition') || found.has('soundtrack');
  const residual = residualWords.filter((w) => !(datedEdition && YEAR.test(w))).join(' ');

  if (REMIX.test(folded) || (MIX.test(folded) && !found.has('original') && !found.has('extended'))) {
    const name = residualWords.filter((w) => !YEAR.test(w)).join(' ');
    if (/\b(radio|single) mix\b/.test(folded)) found.add('edit');
    else if (name !== '') found.add('remix');
    else if (hasYear || /\bnew mix\b/.test(folded)) found.add('newmix');
    else if (!found.has('mono') && !found.has('stereo')) found.add('remix');
  }
  if (EDIT.test(folded) && !found.has('clean') && !found.has('remix') && !found.has('original')) {
    // "Purple Disco Machine Edit" is a DJ's rework; "Radio Edit" and "Single Version" are the short cut.
    const name = residualWords.filter((w) => !/^\d+$/.test(w)).join(' ');
    if (name !== '' && /\bedit\b/.test(folded) && !/\b(radio|single|short|video)\b/.test(folded)) {
      found.add('remix');
    } else found.add('edit');
  }
  if (found.tags.length === 0 && VERSION_WORD.test(folded)) found.add('alternate');

  const detailed = found.tags.find((t) => DETAILED_KINDS.has(t.kind));
  if (detailed !== undefined && residual !== '') detailed.detail = residual;
  return found.tags;
}

/** The tags found in one text, each kind once. */
class Found {
  readonly tags: VersionTag[] = [];

  constructor(readonly text: string) {}

  has(kind: VersionKind): boolean {
    return this.tags.some((tag) => tag.kind === kind);
  }

  add(kind: VersionKind): void {
    if (!this.has(kind)) this.tags.push({ kind, detail: null, text: this.text });
  }
}

/** Kinds whose leftover words tell two recordings apart (a venue, a remixer, a language, a take). */
const DETAILED_KINDS: ReadonlySet<VersionKind> = new Set([
  'remix',
  'live',
  'language',
  'alternate',
  'other',
  'demo',
]);

/** Words a person reads for a version kind, in "version differs: live vs studio". */
export function describeVersion(tag: VersionTag): string {
  const noun = VERSION_NOUNS[tag.kind];
  return tag.text === '' || foldText(tag.text) === foldText(noun) ? noun : `${noun} (${tag.text})`;
}

const VERSION_NOUNS: Record<VersionKind, string> = {
  remaster: 'remaster',
  edition: 'edition',
  original: 'original version',
  soundtrack: 'soundtrack release',
  stereo: 'stereo',
  explicit: 'explicit',
  clean: 'clean',
  mono: 'mono',
  newmix: 'new mix',
  live: 'live',
  acoustic: 'acoustic',
  remix: 'remix',
  edit: 'edit',
  extended: 'extended version',
  instrumental: 'instrumental',
  acappella: 'a cappella',
  demo: 'demo',
  alternate: 'alternate version',
  rerecording: 're-recording',
  karaoke: 'karaoke version',
  speed: 'sped-up/slowed version',
  orchestral: 'orchestral version',
  reprise: 'reprise',
  language: 'other-language version',
  other: 'other version',
};

/** What a track without a tag of this kind is called, in "live vs studio", "radio edit vs album version". */
export const ABSENT_VERSION_NOUNS: Record<VersionKind, string> = {
  ...VERSION_NOUNS,
  mono: 'stereo',
  newmix: 'original mix',
  live: 'studio',
  acoustic: 'studio',
  remix: 'original',
  edit: 'full-length version',
  extended: 'standard length',
  instrumental: 'vocal version',
  acappella: 'full version',
  demo: 'final version',
  alternate: 'released version',
  rerecording: 'original recording',
  karaoke: 'original',
  speed: 'original speed',
  orchestral: 'original arrangement',
  reprise: 'main song',
  language: 'original language',
  other: 'untagged version',
};
