import type { CatalogBuilder, Recording, ReleaseType, TrackInput } from './catalog-builder.js';
import { Rng } from './prng.js';
import type { Availability, Countries } from './seed-types.js';

/**
 * A hand-written release: one line per track, so that a discography reads like a tracklist.
 *
 * A line is either a new recording, `Title | m:ss | flag | flag...`, or a recording already released,
 * `@releaseKey#Title-or-position | flag...` (same ISRC; duration, title and artists inherited).
 * A line `#disc 2` starts volume 2. Flags:
 * - `E` explicit, `clean` not explicit;
 * - `ft=A;B` appends featured artists, `by=A;B` replaces the artists (various-artists releases);
 * - `v=Text` sets TIDAL's version field (`v=` clears it), `t=Title` overrides the displayed title;
 * - `x=US,CA` not returned in those countries, `only=IS,GB` returned only there, `grey` returned but not
 *   streamable (availability []), `av=STREAM` explicit availability, `everywhere` undoes the release's `where`;
 * - `d=+1` shifts the duration (drift between releases), `s=m:ss` sets it;
 * - `p=0.9` popularity, `cc=US` the ISRC's country for a new recording.
 */
export interface ReleaseDef {
  key: string;
  title: string;
  artists: string[];
  date: string;
  /** ALBUM by default; `compilation` is served as an ALBUM whose title, artists and date show what it is. */
  type?: ReleaseType;
  /** Availability flags applied to every line that has none of its own, e.g. `x=US,CA` or `grey`. */
  where?: string;
  /** A version applied to every line without `v=`/`t=`: `field:Live`, `dash:2011 Remaster`, `paren:2022 Remaster`. */
  ver?: string;
  tracks: string[];
}

export class ReleaseLineError extends Error {
  override name = 'ReleaseLineError';
}

interface Flags {
  explicit?: boolean;
  feat: string[];
  by?: string[];
  version?: string | null;
  title?: string;
  countries?: Countries;
  availability?: Availability[];
  drift: number;
  seconds?: number;
  popularity?: number;
  isrcCountry?: string;
}

const AVAILABILITIES: readonly Availability[] = ['STREAM', 'DJ', 'STEM'];

export function addRelease(builder: CatalogBuilder, def: ReleaseDef): void {
  const type = def.type ?? 'ALBUM';
  const rng = new Rng(`release:${def.key}`);
  const releaseArtistIds = def.artists.map((name) => builder.artistNamed(name).id);
  const year = Number(def.date.slice(0, 4));
  const releaseWhere = def.where ? parseFlags(def.where.split(' | '), def.key) : undefined;
  const isLive = /live/i.test(def.ver ?? '');
  const inputs: TrackInput[] = [];
  let volume = 1;
  let numberOnVolume = 0;

  for (const line of def.tracks) {
    const disc = /^#disc (\d+)$/.exec(line);
    if (disc) {
      volume = Number(disc[1]);
      numberOnVolume = 0;
      continue;
    }
    numberOnVolume++;
    const fields = line.split(' | ');
    const head = fields[0] ?? '';
    const reuse = head.startsWith('@');
    const flags = parseFlags(fields.slice(reuse ? 1 : 2), `${def.key}: ${line}`);
    const where =
      flags.countries || flags.availability
        ? flags
        : (releaseWhere ?? { countries: undefined, availability: undefined });

    let recording: Recording;
    let baseTitle: string;
    let popularity: number;
    let seconds: number;
    if (reuse) {
      const hash = head.indexOf('#');
      if (hash < 0) throw new ReleaseLineError(`${def.key}: "${line}" needs @releaseKey#Title.`);
      const source = builder.trackOf(head.slice(1, hash), head.slice(hash + 1));
      recording = source.recording;
      baseTitle = recording.title;
      seconds = flags.seconds ?? source.track.durationSeconds;
      popularity = flags.popularity ?? source.track.popularity * (type === 'compilation' ? 0.78 : 0.88);
    } else {
      baseTitle = head;
      const duration = fields[1];
      if (duration === undefined) throw new ReleaseLineError(`${def.key}: "${line}" needs "Title | m:ss".`);
      seconds = parseDuration(duration, `${def.key}: ${line}`);
      const artistNames = flags.by ?? def.artists;
      const artistIds = [...new Set([...artistNames, ...flags.feat])].map(
        (name) => builder.artistNamed(name).id,
      );
      const artistPopularity = builder.artists.find((a) => a.id === artistIds[0])?.popularity ?? 0.3;
      popularity =
        flags.popularity ?? artistPopularity * rng.around(0.55, 0.25, 0.08, 0.92) * (isLive ? 0.6 : 1);
      recording = builder.recording({
        key: `${def.key}#${volume}.${numberOnVolume}`,
        title: head,
        artistIds,
        seconds,
        explicit: flags.explicit ?? false,
        popularity,
        year,
        ...(flags.isrcCountry ? { isrcCountry: flags.isrcCountry } : {}),
      });
    }

    const shown = applyVersion(baseTitle, flags, def.ver);
    const input: TrackInput = {
      recording,
      title: shown.title,
      version: shown.version,
      seconds: seconds + flags.drift,
      popularity,
      volume,
    };
    if (flags.explicit !== undefined) input.explicit = flags.explicit;
    if (reuse && (flags.by || flags.feat.length > 0)) {
      input.artistIds = [...new Set([...(flags.by ?? def.artists), ...flags.feat])].map(
        (n) => builder.artistNamed(n).id,
      );
    }
    if (where.countries) input.countries = where.countries;
    if (where.availability) input.availability = where.availability;
    inputs.push(input);
  }

  builder.release({
    key: def.key,
    title: def.title,
    type,
    date: def.date,
    artistIds: releaseArtistIds,
    tracks: inputs,
  });
}

function applyVersion(
  title: string,
  flags: Flags,
  releaseVersion: string | undefined,
): { title: string; version: string | null } {
  if (flags.title !== undefined) return { title: flags.title, version: flags.version ?? null };
  if (flags.version !== undefined) return { title, version: flags.version };
  if (!releaseVersion) return { title, version: null };
  const colon = releaseVersion.indexOf(':');
  const style = releaseVersion.slice(0, colon);
  const text = releaseVersion.slice(colon + 1);
  if (style === 'field') return { title, version: text };
  if (style === 'dash') return { title: `${title} - ${text}`, version: null };
  if (style === 'paren') return { title: `${title} (${text})`, version: null };
  throw new ReleaseLineError(`Unknown version style "${releaseVersion}"; use field:, dash: or paren:.`);
}

function parseFlags(fields: string[], where: string): Flags {
  const flags: Flags = { feat: [], drift: 0 };
  for (const field of fields) {
    const eq = field.indexOf('=');
    const name = eq < 0 ? field : field.slice(0, eq);
    const value = eq < 0 ? '' : field.slice(eq + 1);
    switch (name) {
      case 'E':
        flags.explicit = true;
        break;
      case 'clean':
        flags.explicit = false;
        break;
      case 'ft':
        flags.feat = value.split(';');
        break;
      case 'by':
        flags.by = value.split(';');
        break;
      case 'v':
        flags.version = value === '' ? null : value;
        break;
      case 't':
        flags.title = value;
        break;
      case 'x':
        flags.countries = { except: value.split(',') };
        break;
      case 'only':
        flags.countries = { only: value.split(',') };
        break;
      case 'grey':
        flags.availability = [];
        break;
      case 'av':
        flags.availability = value.split(',').map((a) => {
          if (!AVAILABILITIES.includes(a as Availability))
            throw new ReleaseLineError(`${where}: bad availability ${a}`);
          return a as Availability;
        });
        break;
      case 'everywhere':
        flags.countries = {};
        flags.availability = ['STREAM', 'DJ'];
        break;
      case 'd':
        flags.drift = Number(value);
        break;
      case 's':
        flags.seconds = parseDuration(value, where);
        break;
      case 'p':
        flags.popularity = Number(value);
        break;
      case 'cc':
        flags.isrcCountry = value;
        break;
      default:
        throw new ReleaseLineError(`${where}: unknown flag "${field}".`);
    }
  }
  return flags;
}

function parseDuration(text: string, where: string): number {
  const m = /^(\d+):(\d\d)$/.exec(text.trim());
  if (!m) throw new ReleaseLineError(`${where}: duration "${text}" is not m:ss.`);
  return Number(m[1]) * 60 + Number(m[2]);
}
