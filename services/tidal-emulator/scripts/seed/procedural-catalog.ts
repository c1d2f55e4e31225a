import type { CatalogBuilder, Recording, ReleaseType, TrackInput } from './catalog-builder.js';
import { Rng } from './prng.js';
import type { AlbumType, Availability, Countries } from './seed-types.js';
import { CLASSICAL_PIECES, EN, NAMES, PHRASES } from './word-banks.js';

/**
 * The invented bulk of the catalog: artists across genres and scripts, each with a discography that
 * has what real ones have (lead singles sharing the album's ISRC, radio edits, remix EPs, clean
 * editions, deluxe and remastered reissues, live albums, greatest hits, covers, intros and interludes),
 * plus various-artists compilations over all of it. Every random choice comes from an Rng seeded by
 * the artist's or compilation's name.
 */

type Lang = 'en' | 'es' | 'pt' | 'fr' | 'de' | 'sv' | 'ja' | 'ko' | 'ru' | 'el' | 'ar' | 'zh';
type VersionStyle = 'field' | 'dash' | 'paren';

interface Genre {
  key: string;
  count: number;
  langs: readonly Lang[];
  seconds: readonly [number, number];
  albumSize: readonly [number, number];
  startYears: readonly [number, number];
  explicit: number;
  intro: number;
  live: number;
  remix: number;
  acoustic: number;
  clean: number;
  names?: readonly string[];
}

const GENRES: readonly Genre[] = [
  {
    key: 'rock',
    count: 10,
    langs: ['en'],
    seconds: [235, 55],
    albumSize: [9, 12],
    startYears: [1966, 2012],
    explicit: 0.05,
    intro: 0.05,
    live: 0.45,
    remix: 0.05,
    acoustic: 0.1,
    clean: 0.2,
  },
  {
    key: 'indie',
    count: 10,
    langs: ['en', 'en', 'en', 'fr'],
    seconds: [222, 45],
    albumSize: [9, 12],
    startYears: [1995, 2018],
    explicit: 0.08,
    intro: 0.1,
    live: 0.2,
    remix: 0.15,
    acoustic: 0.3,
    clean: 0.2,
  },
  {
    key: 'pop',
    count: 10,
    langs: ['en', 'en', 'en', 'sv', 'de'],
    seconds: [200, 28],
    albumSize: [10, 13],
    startYears: [1998, 2020],
    explicit: 0.18,
    intro: 0.1,
    live: 0.15,
    remix: 0.55,
    acoustic: 0.25,
    clean: 0.5,
  },
  {
    key: 'hiphop',
    count: 8,
    langs: ['en'],
    seconds: [205, 45],
    albumSize: [11, 15],
    startYears: [1992, 2020],
    explicit: 0.78,
    intro: 0.65,
    live: 0.05,
    remix: 0.25,
    acoustic: 0,
    clean: 0.8,
  },
  {
    key: 'electronic',
    count: 8,
    langs: ['en', 'en', 'de', 'sv'],
    seconds: [290, 80],
    albumSize: [8, 11],
    startYears: [1994, 2019],
    explicit: 0.02,
    intro: 0.15,
    live: 0.1,
    remix: 0.85,
    acoustic: 0,
    clean: 0,
  },
  {
    key: 'lofi',
    count: 5,
    langs: ['en'],
    seconds: [150, 30],
    albumSize: [10, 14],
    startYears: [2016, 2022],
    explicit: 0,
    intro: 0.3,
    live: 0,
    remix: 0.1,
    acoustic: 0,
    clean: 0,
    names: ['sleepy fox', 'moonlit.', 'kyoto rain', 'paper planes', 'cafe lumière'],
  },
  {
    key: 'country',
    count: 6,
    langs: ['en'],
    seconds: [200, 22],
    albumSize: [10, 12],
    startYears: [1975, 2018],
    explicit: 0.02,
    intro: 0,
    live: 0.25,
    remix: 0.05,
    acoustic: 0.2,
    clean: 0,
  },
  {
    key: 'rnb',
    count: 5,
    langs: ['en'],
    seconds: [215, 40],
    albumSize: [10, 14],
    startYears: [1990, 2019],
    explicit: 0.4,
    intro: 0.45,
    live: 0.1,
    remix: 0.35,
    acoustic: 0.1,
    clean: 0.5,
  },
  {
    key: 'jazz',
    count: 4,
    langs: ['en', 'en', 'fr'],
    seconds: [330, 90],
    albumSize: [6, 9],
    startYears: [1956, 2015],
    explicit: 0,
    intro: 0,
    live: 0.5,
    remix: 0,
    acoustic: 0,
    clean: 0,
  },
  {
    key: 'classical',
    count: 5,
    langs: ['en'],
    seconds: [0, 0],
    albumSize: [8, 12],
    startYears: [1970, 2016],
    explicit: 0,
    intro: 0,
    live: 0,
    remix: 0,
    acoustic: 0,
    clean: 0,
    names: ['Clara Hoffmann', 'Mikhail Orlov', 'Yuna Sato', 'Jean-Baptiste Moreau', 'Ingrid Solberg'],
  },
  {
    key: 'latin',
    count: 6,
    langs: ['es', 'es', 'es', 'pt'],
    seconds: [205, 30],
    albumSize: [9, 12],
    startYears: [1985, 2020],
    explicit: 0.3,
    intro: 0.1,
    live: 0.15,
    remix: 0.5,
    acoustic: 0.15,
    clean: 0.3,
  },
  {
    key: 'european',
    count: 4,
    langs: ['fr', 'de', 'sv', 'de'],
    seconds: [215, 40],
    albumSize: [9, 12],
    startYears: [1970, 2016],
    explicit: 0.05,
    intro: 0.05,
    live: 0.25,
    remix: 0.2,
    acoustic: 0.15,
    clean: 0,
  },
  {
    key: 'jpop',
    count: 4,
    langs: ['ja'],
    seconds: [250, 35],
    albumSize: [10, 13],
    startYears: [1995, 2020],
    explicit: 0,
    intro: 0.2,
    live: 0.3,
    remix: 0.2,
    acoustic: 0.1,
    clean: 0,
  },
  {
    key: 'kpop',
    count: 4,
    langs: ['ko'],
    seconds: [200, 20],
    albumSize: [5, 8],
    startYears: [2010, 2021],
    explicit: 0.05,
    intro: 0.5,
    live: 0.1,
    remix: 0.5,
    acoustic: 0,
    clean: 0,
  },
  {
    key: 'russian',
    count: 3,
    langs: ['ru'],
    seconds: [240, 45],
    albumSize: [9, 12],
    startYears: [1985, 2015],
    explicit: 0.05,
    intro: 0.05,
    live: 0.3,
    remix: 0.05,
    acoustic: 0.15,
    clean: 0,
  },
  {
    key: 'mediterranean',
    count: 3,
    langs: ['el', 'ar', 'ar'],
    seconds: [270, 60],
    albumSize: [8, 10],
    startYears: [1975, 2015],
    explicit: 0,
    intro: 0.05,
    live: 0.2,
    remix: 0.1,
    acoustic: 0,
    clean: 0,
  },
  {
    key: 'mandopop',
    count: 2,
    langs: ['zh'],
    seconds: [245, 30],
    albumSize: [9, 11],
    startYears: [2000, 2018],
    explicit: 0,
    intro: 0.1,
    live: 0.2,
    remix: 0.05,
    acoustic: 0.1,
    clean: 0,
  },
];

/** Generated names that happen to belong to real, well-known acts: skipped, so invented stays invented. */
const REAL_NAMES = new Set([
  'DJ Shadow',
  'DJ Fire',
  'The Wolves',
  'Little Star',
  'Blue Desert',
  'Sweet River',
  'Heavy Heart',
]);

const HOME_COUNTRIES: Record<Lang, readonly string[]> = {
  en: ['US', 'US', 'US', 'GB', 'GB', 'CA', 'AU', 'IE'],
  es: ['ES', 'MX', 'AR', 'CO'],
  pt: ['BR', 'PT'],
  fr: ['FR', 'BE', 'CA'],
  de: ['DE', 'AT', 'CH'],
  sv: ['SE', 'NO', 'DK'],
  ja: ['JP'],
  ko: ['KR'],
  ru: ['RU'],
  el: ['GR'],
  ar: ['EG', 'LB'],
  zh: ['TW', 'CN'],
};

const EXCEPT_SETS: readonly (readonly string[])[] = [
  ['DE', 'AT', 'CH'],
  ['US', 'CA'],
  ['US'],
  ['JP'],
  ['GB', 'IE'],
  ['FR', 'BE'],
  ['BR', 'PT'],
  ['KR'],
  ['RU', 'BY'],
  ['US', 'GB', 'DE'],
];

interface ProcArtist {
  id: string;
  name: string;
  popularity: number;
  genre: Genre;
  lang: Lang;
  country: string;
  style: VersionStyle;
  lowercase: boolean;
  songs: Song[];
  albums: number;
}

interface Song {
  recording: Recording;
  title: string;
  popularity: number;
  year: number;
  filler: boolean;
}

interface DraftTrack {
  title: string;
  seconds: number;
  explicit: boolean;
  popularity: number;
  artistIds: string[];
  shownTitle?: string;
  version?: string | null;
  filler?: boolean;
}

export function addProceduralCatalog(builder: CatalogBuilder): void {
  const artists = createArtists(builder);
  for (const artist of artists) {
    if (artist.genre.key === 'classical') addPianistDiscography(builder, artist);
    else addDiscography(builder, artist, artists);
  }
  addCompilations(builder, artists);
}

function createArtists(builder: CatalogBuilder): ProcArtist[] {
  const artists: ProcArtist[] = [];
  for (const genre of GENRES) {
    const rng = new Rng(`genre:${genre.key}`);
    for (let i = 0; i < genre.count; i++) {
      const lang = rng.pick(genre.langs);
      let name = '';
      for (
        let attempt = 0;
        attempt < 50 && (name === '' || builder.hasArtist(name) || REAL_NAMES.has(name));
        attempt++
      ) {
        name = genre.names?.[i] ?? artistName(rng, lang, genre.key);
      }
      if (builder.hasArtist(name) || REAL_NAMES.has(name))
        throw new Error(`Could not find a free artist name for genre ${genre.key}.`);
      const country = rng.pick(HOME_COUNTRIES[lang]);
      const popularity = rng.around(0.32, 0.2, 0.04, 0.78);
      const artist = builder.artist(name, popularity, country);
      artists.push({
        id: artist.id,
        name,
        popularity: artist.popularity,
        genre,
        lang,
        country,
        style: rng.pick(['field', 'dash', 'paren'] as const),
        lowercase: genre.key === 'lofi' || (genre.key !== 'classical' && lang === 'en' && rng.chance(0.08)),
        songs: [],
        albums: 0,
      });
    }
  }
  return artists;
}

function artistName(rng: Rng, lang: Lang, genre: string): string {
  const names = NAMES[lang];
  if (names && rng.chance(0.85)) return rng.pick(rng.chance(0.55) ? names.persons : names.bands);
  if (genre === 'hiphop' && rng.chance(0.7)) {
    return rng.chance(0.5)
      ? `${rng.pick(EN.rapPrefixes)} ${rng.pick(EN.rapWords)}`
      : `${rng.pick(EN.rapWords)} ${rng.int(2, 99)}`;
  }
  const roll = rng.int(0, 19);
  if (roll <= 7) return `${rng.pick(EN.firstNames)} ${rng.pick(EN.lastNames)}`;
  if (roll <= 10) return `The ${rng.pick(EN.adjectives)} ${rng.pick(EN.pluralNouns)}`;
  if (roll <= 12) return `${rng.pick(EN.adjectives)} ${rng.pick(EN.pluralNouns)}`;
  if (roll <= 14) return `${rng.pick(EN.adjectives)} ${rng.pick(EN.nouns)}`;
  if (roll === 15) return `${rng.pick(EN.firstNames)} & The ${rng.pick(EN.pluralNouns)}`;
  if (roll === 16) return `${rng.pick(EN.lastNames)} & ${rng.pick(EN.lastNames)}`;
  if (roll === 17)
    return genre === 'electronic'
      ? `DJ ${rng.pick(EN.nouns)}`
      : `${rng.pick(EN.nouns)} ${rng.pick(EN.pluralNouns)}`;
  if (roll === 18) return `${rng.pick(EN.nouns)}${rng.pick(['', 's'])} of ${rng.pick(EN.cities)}`;
  return rng.pick(EN.nouns).toUpperCase();
}

function songTitle(rng: Rng, artist: ProcArtist): string {
  const phrases = PHRASES[artist.lang];
  if (phrases && rng.chance(0.85)) return phrases[rng.int(0, phrases.length - 1)]!;
  let title: string;
  switch (rng.int(0, 12)) {
    case 0:
    case 1:
    case 2:
      title = `${rng.pick(EN.adjectives)} ${rng.pick(EN.nouns)}`;
      break;
    case 3:
      title = rng.pick(EN.nouns);
      break;
    case 4:
      title = `${rng.pick(EN.verbs)} ${rng.pick(EN.prepositions)} the ${rng.pick(EN.nouns)}`;
      break;
    case 5: {
      const [a, b] = rng.sample(EN.nouns, 2);
      title = `${a} in the ${b}`;
      break;
    }
    case 6:
      title = `Back to the ${rng.pick(EN.nouns)}`;
      break;
    case 7:
      title = `Where the ${rng.pick(EN.pluralNouns)} Go`;
      break;
    case 8:
      title = `Last Night in ${rng.pick(EN.cities)}`;
      break;
    case 9:
      title = `If You ${rng.pick(EN.verbs2)} Me`;
      break;
    case 10:
      title = `Don't ${rng.pick(EN.verbs2)} Me ${rng.pick(['Now', 'Tonight', 'Again', 'Like That'])}`;
      break;
    default:
      title = rng.pick(EN.commonTitles);
  }
  return artist.lowercase ? title.toLowerCase() : title;
}

function albumTitle(rng: Rng, artist: ProcArtist, tracks: DraftTrack[], index: number): string {
  if (index === 0 && rng.chance(0.12)) return artist.name;
  const named = tracks.filter((t) => !t.filler);
  if (named.length > 0 && rng.chance(0.45)) return rng.pick(named).title;
  if (PHRASES[artist.lang] && rng.chance(0.7)) return rng.pick(PHRASES[artist.lang]!);
  const title = rng.chance(0.5)
    ? `${rng.pick(EN.adjectives)} ${rng.pick(EN.pluralNouns)}`
    : `The ${rng.pick(EN.nouns)} Sessions`;
  return artist.lowercase ? title.toLowerCase() : title;
}

function dateIn(rng: Rng, year: number): string {
  return `${year}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`;
}

function withVersion(
  title: string,
  text: string,
  style: VersionStyle,
): { shownTitle: string; version: string | null } {
  if (style === 'field') return { shownTitle: title, version: text };
  if (style === 'dash') return { shownTitle: `${title} - ${text}`, version: null };
  return { shownTitle: `${title} (${text})`, version: null };
}

function releaseWhere(rng: Rng, artist: ProcArtist): Pick<TrackInput, 'countries' | 'availability'> {
  const r = rng.float();
  if (r < 0.06) return { countries: { except: [...rng.pick(EXCEPT_SETS)] } };
  if (r < 0.08) return { countries: { only: [artist.country] } };
  if (r < 0.095) return { availability: [] };
  return {};
}

function trackWhere(
  rng: Rng,
  release: Pick<TrackInput, 'countries' | 'availability'>,
): { countries?: Countries; availability?: Availability[] } {
  const r = rng.float();
  if (r < 0.015) return { ...release, availability: [] };
  if (r < 0.025) return { ...release, availability: ['STREAM'] };
  if (r < 0.035) return { ...release, availability: ['STREAM', 'DJ', 'STEM'] };
  return release;
}

/** Writes a release of new recordings and records them as the artist's songs. */
function releaseNew(
  builder: CatalogBuilder,
  artist: ProcArtist,
  key: string,
  title: string,
  type: ReleaseType,
  date: string,
  drafts: DraftTrack[],
  rng: Rng,
  keepAsSongs: boolean,
): Song[] {
  const where = releaseWhere(rng, artist);
  const year = Number(date.slice(0, 4));
  const songs: Song[] = [];
  const inputs = drafts.map((d, i) => {
    const recording = builder.recording({
      key: `${key}#${i + 1}`,
      title: d.title,
      artistIds: d.artistIds,
      seconds: d.seconds,
      explicit: d.explicit,
      popularity: d.popularity,
      year,
    });
    songs.push({ recording, title: d.title, popularity: d.popularity, year, filler: d.filler ?? false });
    return {
      recording,
      title: d.shownTitle ?? d.title,
      version: d.version ?? null,
      ...trackWhere(rng, where),
    } satisfies TrackInput;
  });
  builder.release({ key, title, type, date, artistIds: [artist.id], tracks: inputs });
  if (keepAsSongs) artist.songs.push(...songs.filter((s) => !s.filler));
  return songs;
}

/** Writes a release that reuses recordings (same ISRCs): reissues, singles, compilations. */
function releaseReuse(
  builder: CatalogBuilder,
  key: string,
  title: string,
  type: ReleaseType,
  date: string,
  artistIds: string[],
  tracks: Array<{
    song: Song;
    shownTitle?: string;
    version?: string | null;
    drift?: number;
    popularity?: number;
  }>,
  where: Pick<TrackInput, 'countries' | 'availability'>,
): void {
  builder.release({
    key,
    title,
    type,
    date,
    artistIds,
    tracks: tracks.map((t) => ({
      recording: t.song.recording,
      title: t.shownTitle ?? t.song.recording.title,
      version: t.version ?? null,
      seconds: t.song.recording.seconds + (t.drift ?? 0),
      popularity: t.popularity ?? t.song.popularity * 0.8,
      ...where,
    })),
  });
}

function addDiscography(builder: CatalogBuilder, artist: ProcArtist, everyone: ProcArtist[]): void {
  const rng = new Rng(`discography:${artist.name}`);
  const g = artist.genre;
  const peers = everyone.filter((a) => a !== artist && a.genre.key !== 'classical');
  const sameGenre = peers.filter((a) => a.genre === g);
  let year = rng.int(g.startYears[0], g.startYears[1]);
  const albumCount = rng.int(1, year < 1995 ? 4 : 3);
  const usedTitles = new Set<string>();
  const seconds = () => Math.round(rng.around(g.seconds[0], g.seconds[1], 95, 720));
  const trackPopularity = () => artist.popularity * rng.around(0.55, 0.25, 0.05, 0.95);
  const newTitle = (): string => {
    for (let i = 0; i < 30; i++) {
      const t = songTitle(rng, artist);
      if (!usedTitles.has(t)) {
        usedTitles.add(t);
        return t;
      }
    }
    return `${songTitle(rng, artist)} ${rng.pick(['Pt. 2', 'II', '(Reprise)'])}`;
  };
  const feature = (d: DraftTrack) => {
    if (d.filler || !rng.chance(0.12)) return;
    const guest = rng.pick(sameGenre.length > 0 && rng.chance(0.6) ? sameGenre : peers);
    const feat = artist.lang === 'ko' || artist.lang === 'ja' ? 'Feat.' : 'feat.';
    const word = (g.key === 'pop' || g.key === 'latin') && rng.chance(0.3) ? 'with' : feat;
    const style = rng.int(0, 2);
    if (style !== 1) d.shownTitle = `${d.title} (${word} ${guest.name})`;
    if (style !== 0) d.artistIds = [artist.id, guest.id];
  };

  for (let index = 0; index < albumCount; index++) {
    year = Math.min(2024, year + (index === 0 ? 0 : rng.int(1, 4)));
    const size = rng.int(g.albumSize[0], g.albumSize[1]);
    const drafts: DraftTrack[] = [];
    const base = (title: string, filler = false): DraftTrack => ({
      title,
      seconds: filler ? rng.int(40, 115) : seconds(),
      explicit: !filler && rng.chance(g.explicit),
      popularity: filler ? artist.popularity * 0.15 : trackPopularity(),
      artistIds: [artist.id],
      filler,
    });
    const intro = rng.chance(g.intro);
    if (intro) drafts.push(base(artist.lowercase ? 'intro' : 'Intro', true));
    while (drafts.length < size) {
      if (intro && drafts.length === Math.floor(size / 2) && rng.chance(0.6)) {
        drafts.push(base(artist.lowercase ? 'interlude' : 'Interlude', true));
        continue;
      }
      drafts.push(base(newTitle()));
    }
    if (intro && rng.chance(0.3)) drafts.push(base(artist.lowercase ? 'outro' : 'Outro', true));
    // A cover of a famous song, and (from the second album on) a new song reusing an old title.
    if (rng.chance(0.12)) {
      const slot = rng.int(1, drafts.length - 1);
      const cover = rng.pick(EN.coverTitles);
      if (!usedTitles.has(cover)) drafts[slot] = { ...base(cover), title: cover };
      usedTitles.add(cover);
    }
    if (index > 0 && rng.chance(0.2)) {
      const old = rng.pick(artist.songs);
      const slot = rng.int(1, drafts.length - 1);
      drafts[slot] = {
        ...base(old.title),
        seconds: old.recording.seconds + rng.pick([-1, 1]) * rng.int(25, 70),
      };
    }
    for (const d of drafts) feature(d);

    const key = `p${artist.id}-album${index + 1}`;
    const type: AlbumType = drafts.length <= 6 ? 'EP' : 'ALBUM';
    const title = albumTitle(rng, artist, drafts, index);
    const date = dateIn(rng, year);
    const albumSongs = releaseNew(builder, artist, key, title, type, date, drafts, rng, true);
    artist.albums++;
    const hits = albumSongs.filter((s) => !s.filler).sort((a, b) => b.popularity - a.popularity);
    const lead = hits[0];

    if (lead && rng.chance(0.55)) {
      const single = [{ song: lead, popularity: lead.popularity * 0.7 }];
      releaseReuse(
        builder,
        `${key}-single`,
        lead.recording.title,
        'SINGLE',
        dateIn(rng, Math.max(year - 1, g.startYears[0])),
        [artist.id],
        single,
        {},
      );
      if (g.key === 'pop' || g.key === 'rnb' || g.key === 'hiphop' || g.key === 'latin' || rng.chance(0.15)) {
        const edit = withVersion(lead.title, 'Radio Edit', artist.style);
        releaseNew(
          builder,
          artist,
          `${key}-radio`,
          lead.recording.title,
          'SINGLE',
          dateIn(rng, year),
          [
            {
              ...edit,
              title: lead.title,
              seconds: lead.recording.seconds - rng.int(15, 55),
              explicit: false,
              popularity: lead.popularity * 0.45,
              artistIds: lead.recording.artistIds,
            },
          ],
          rng,
          false,
        );
      }
    }
    if (lead && year >= 1985 && rng.chance(g.remix))
      addRemixes(builder, artist, lead, `${key}-remixes`, year, rng, everyone);
    const explicitCount = albumSongs.filter((s) => s.recording.explicit).length;
    if (explicitCount >= 3 && rng.chance(g.clean)) {
      releaseNew(
        builder,
        artist,
        `${key}-clean`,
        title,
        type,
        date,
        albumSongs.map((s) => ({
          title: s.recording.title,
          seconds: s.recording.seconds,
          explicit: false,
          popularity: s.popularity * 0.42,
          artistIds: s.recording.artistIds,
          filler: s.filler,
        })),
        rng,
        false,
      );
    }
    if (rng.chance(0.15)) {
      const bonus: DraftTrack[] = hits.slice(0, rng.int(1, 2)).map((s) => ({
        ...withVersion(s.title, rng.pick(['Acoustic', 'Demo', 'Piano Version']), artist.style),
        title: s.title,
        seconds: s.recording.seconds + rng.int(-30, 20),
        explicit: s.recording.explicit,
        popularity: s.popularity * 0.4,
        artistIds: s.recording.artistIds,
      }));
      bonus.push(base(newTitle()));
      const deluxeKey = `${key}-deluxe`;
      const deluxeTitle = `${title} (${rng.pick(['Deluxe Edition', 'Deluxe', 'Expanded Edition'])})`;
      const deluxeDate = dateIn(rng, Math.min(2024, year + rng.int(0, 2)));
      const originals = albumSongs.map((song) => ({ song, popularity: song.popularity * 0.85 }));
      const bonusSongs = bonus.map((d, i) => {
        const recording = builder.recording({
          key: `${deluxeKey}#bonus${i + 1}`,
          title: d.title,
          artistIds: d.artistIds,
          seconds: d.seconds,
          explicit: d.explicit,
          popularity: d.popularity,
          year,
        });
        return {
          song: { recording, title: d.title, popularity: d.popularity, year, filler: false },
          shownTitle: d.shownTitle ?? d.title,
          version: d.version ?? null,
          popularity: d.popularity,
        };
      });
      releaseReuse(
        builder,
        deluxeKey,
        deluxeTitle,
        'ALBUM',
        deluxeDate,
        [artist.id],
        [...originals, ...bonusSongs],
        {},
      );
    }
    if (year < 2002 && rng.chance(0.45)) {
      const at = Math.min(2023, Math.max(year + 15, rng.int(2009, 2021)));
      const text = rng.pick([`${at} Remaster`, `Remastered ${at}`, 'Remastered']);
      const albumForm = rng.pick([
        `${title} (Remastered ${at})`,
        `${title} (${at} Remaster)`,
        `${title} (Remastered)`,
      ]);
      releaseReuse(
        builder,
        `${key}-remaster`,
        albumForm,
        'ALBUM',
        dateIn(rng, at),
        [artist.id],
        albumSongs.map((song) => {
          const v = withVersion(song.recording.title, text, artist.style);
          return {
            song,
            shownTitle: v.shownTitle,
            version: v.version,
            drift: rng.chance(0.15) ? rng.pick([-1, 1]) : 0,
            popularity: song.popularity * 0.9,
          };
        }),
        {},
      );
    }
  }

  const top = [...artist.songs].sort((a, b) => b.popularity - a.popularity);
  const lastYear = Math.max(...artist.songs.map((s) => s.year));
  if (artist.albums >= 2 && rng.chance(artist.genre.live)) {
    const venue = rng.pick(EN.venues);
    const liveTitle = rng.pick([
      `Live at ${venue}`,
      `Live in ${rng.pick(EN.cities)}`,
      'Alive & Loud (Live)',
      'Unplugged',
    ]);
    const text = rng.chance(0.5) ? 'Live' : `Live at ${venue}`;
    releaseNew(
      builder,
      artist,
      `p${artist.id}-live`,
      liveTitle,
      'ALBUM',
      dateIn(rng, Math.min(2024, lastYear + rng.int(1, 3))),
      top.slice(0, rng.int(6, 10)).map((s) => ({
        ...withVersion(s.title, text, artist.style),
        title: s.title,
        seconds: s.recording.seconds + rng.int(5, 60),
        explicit: s.recording.explicit,
        popularity: s.popularity * 0.45,
        artistIds: s.recording.artistIds,
      })),
      rng,
      false,
    );
  }
  if (rng.chance(artist.genre.acoustic)) {
    const text = rng.pick(['Acoustic', 'Stripped', 'Acoustic Version']);
    releaseNew(
      builder,
      artist,
      `p${artist.id}-acoustic`,
      rng.pick(['Acoustic Sessions', 'Stripped', 'Unplugged Sessions']),
      'EP',
      dateIn(rng, Math.min(2024, lastYear + 1)),
      top.slice(0, rng.int(3, 5)).map((s) => ({
        ...withVersion(s.title, text, artist.style),
        title: s.title,
        seconds: s.recording.seconds + rng.int(-25, 15),
        explicit: false,
        popularity: s.popularity * 0.4,
        artistIds: s.recording.artistIds,
      })),
      rng,
      false,
    );
  }
  if (artist.albums >= 3 && rng.chance(0.65)) {
    const ghTitle = rng.pick([
      'Greatest Hits',
      `The Very Best of ${artist.name}`,
      `Essential ${artist.name}`,
      'Gold',
      `${artist.name}: The Collection`,
      'Anthology',
    ]);
    releaseReuse(
      builder,
      `p${artist.id}-hits`,
      ghTitle,
      'compilation',
      dateIn(rng, Math.min(2024, lastYear + rng.int(1, 6))),
      [artist.id],
      top.slice(0, rng.int(10, 14)).map((song) => ({
        song,
        drift: rng.chance(0.15) ? rng.pick([-1, 1]) : 0,
        popularity: song.popularity * 0.75,
      })),
      releaseWhere(rng, artist),
    );
    if (lastYear < 2000 && rng.chance(0.35)) {
      releaseNew(
        builder,
        artist,
        `p${artist.id}-rerecorded`,
        'Greatest Hits (Re-Recorded)',
        'compilation',
        dateIn(rng, rng.int(2008, 2020)),
        top.slice(0, 8).map((s) => ({
          ...withVersion(s.title, 'Re-Recorded', 'paren'),
          title: s.title,
          seconds: s.recording.seconds + rng.int(-3, 3),
          explicit: s.recording.explicit,
          popularity: s.popularity * 0.3,
          artistIds: s.recording.artistIds,
        })),
        rng,
        false,
      );
    }
  }
  if (rng.chance(0.06)) {
    const carol = rng.pick(EN.christmas);
    releaseNew(
      builder,
      artist,
      `p${artist.id}-xmas`,
      carol,
      'SINGLE',
      dateIn(rng, Math.min(2024, lastYear)),
      [
        {
          title: carol,
          seconds: rng.int(150, 250),
          explicit: false,
          popularity: artist.popularity * 0.5,
          artistIds: [artist.id],
        },
      ],
      rng,
      true,
    );
  }
}

function addRemixes(
  builder: CatalogBuilder,
  artist: ProcArtist,
  lead: Song,
  key: string,
  year: number,
  rng: Rng,
  everyone: ProcArtist[],
): void {
  const remixers = rng.sample(
    everyone.filter((a) => a.genre.key === 'electronic' && a !== artist),
    rng.int(2, 3),
  );
  const drafts: DraftTrack[] = remixers.map((remixer) => {
    const v = withVersion(lead.title, `${remixer.name} Remix`, artist.style);
    return {
      title: lead.title,
      ...v,
      seconds: rng.int(180, 420),
      explicit: lead.recording.explicit,
      popularity: lead.popularity * rng.around(0.4, 0.15, 0.1, 0.8),
      artistIds: rng.chance(0.6)
        ? [...new Set([...lead.recording.artistIds, remixer.id])]
        : lead.recording.artistIds,
    };
  });
  const extras =
    year >= 2020
      ? ['Extended Mix', 'Instrumental', 'Club Mix', 'Sped Up']
      : ['Extended Mix', 'Instrumental', 'Club Mix'];
  for (const text of rng.sample(extras, rng.int(1, 2))) {
    drafts.push({
      title: lead.title,
      ...withVersion(lead.title, text, artist.style),
      seconds:
        text === 'Sped Up'
          ? Math.round(lead.recording.seconds * 0.8)
          : lead.recording.seconds + rng.int(-5, 120),
      explicit: text === 'Instrumental' ? false : lead.recording.explicit,
      popularity: lead.popularity * 0.3,
      artistIds: lead.recording.artistIds,
    });
  }
  releaseNew(
    builder,
    artist,
    key,
    `${lead.title} (Remixes)`,
    drafts.length > 3 ? 'EP' : 'SINGLE',
    dateIn(rng, Math.min(2024, year + 1)),
    drafts,
    rng,
    false,
  );
}

function addPianistDiscography(builder: CatalogBuilder, artist: ProcArtist): void {
  const rng = new Rng(`pianist:${artist.name}`);
  let year = rng.int(artist.genre.startYears[0], artist.genre.startYears[1]);
  const albums = rng.int(1, 3);
  for (let i = 0; i < albums; i++) {
    year = Math.min(2024, year + (i === 0 ? 0 : rng.int(2, 6)));
    const pieces = rng.sample(
      CLASSICAL_PIECES,
      rng.int(artist.genre.albumSize[0], artist.genre.albumSize[1]),
    );
    const title = rng.pick([
      'Piano Reveries',
      'Nocturnes & Dreams',
      'Solo Piano Favourites',
      'Moonlight',
      'Clair de lune: Piano Works',
      'Quiet Hours',
      'Songs Without Words',
    ]);
    releaseNew(
      builder,
      artist,
      `p${artist.id}-piano${i + 1}`,
      title,
      'ALBUM',
      dateIn(rng, year),
      pieces.map(([piece, base]) => ({
        title: piece,
        seconds: Math.round(base * rng.around(1, 0.12, 0.8, 1.25)),
        explicit: false,
        popularity: artist.popularity * rng.around(0.5, 0.2, 0.1, 0.9),
        artistIds: [artist.id],
      })),
      rng,
      true,
    );
  }
}

/** Various-artists compilations over the procedural catalog, each drawing from a few genres. */
function addCompilations(builder: CatalogBuilder, artists: ProcArtist[]): void {
  const various = builder.artistNamed('Various Artists').id;
  const plans: ReadonlyArray<readonly [string, string, readonly string[], number]> = [
    ['Summer Hits 2019', '2019-06-14', ['pop', 'latin', 'electronic'], 18],
    ['Chill Lo-Fi Beats', '2021-02-05', ['lofi'], 20],
    ['Piano Classics for Relaxation', '2018-09-07', ['classical'], 16],
    ['Workout Motivation', '2020-01-03', ['hiphop', 'electronic', 'pop'], 16],
    ['Indie Discoveries', '2017-04-21', ['indie', 'rock'], 16],
    ['Country Roads: Modern Country', '2019-03-01', ['country'], 14],
    ['Late Night R&B', '2018-11-16', ['rnb', 'hiphop'], 14],
    ['Éxitos Latinos', '2020-07-10', ['latin'], 14],
    ['Rock Legends', '2015-10-02', ['rock'], 16],
    ['World Café', '2016-05-13', ['jpop', 'kpop', 'russian', 'mediterranean', 'mandopop', 'european'], 16],
    ['Jazz Standards After Dark', '2014-02-14', ['jazz'], 12],
    ['Christmas Hits', '2022-11-18', ['pop', 'rock', 'indie', 'country', 'rnb', 'jazz'], 12],
  ];
  for (const [title, date, genres, size] of plans) {
    const rng = new Rng(`compilation:${title}`);
    const pool = artists
      .filter((a) => genres.includes(a.genre.key))
      .flatMap((a) => a.songs.filter((s) => title !== 'Christmas Hits' || EN.christmas.includes(s.title)));
    const pickFrom =
      title === 'Christmas Hits'
        ? pool
        : [...pool].sort((a, b) => b.popularity - a.popularity).slice(0, size * 3);
    const chosen = rng.sample(pickFrom, size);
    if (chosen.length === 0) continue;
    const where = rng.chance(0.25) ? { countries: { except: [...rng.pick(EXCEPT_SETS)] } } : {};
    releaseReuse(
      builder,
      `va-${title}`,
      title,
      'compilation',
      date,
      [various],
      chosen.map((song) => ({
        song,
        drift: rng.chance(0.2) ? rng.pick([-1, 1, 2]) : 0,
        popularity: song.popularity * 0.7,
      })),
      where,
    );
  }
}
