/**
 * Generates the emulator's bundled seed: `seed/catalog.json` (format: notes/seed-format.md, validated by
 * the emulator's SeedSchema) and `seed/DEMO.md` (what a careful remedy does with the demo playlist).
 * Run: `pnpm exec tsx services/tidal-emulator/scripts/generate-seed.ts`. Deterministic: no clock, no
 * Math.random; every choice comes from mulberry32 seeded by a hash of the entity's name, and ids are
 * hashed from stable keys, so the same code writes the same bytes, and an edit to one release leaves
 * the other ids alone.
 *
 * Structure of the catalog:
 * - A hand-written part (seed/curated-*.ts): real artists and songs as a catalog holds them, written one
 *   line per track. A line either creates a recording (new ISRC) or reuses one (`@release#title`: same
 *   ISRC), so reissues and compilations share ISRCs with the originals by construction.
 * - A procedural part (seed/procedural-catalog.ts): ~100 invented artists over genres and scripts, with
 *   discographies and various-artists compilations.
 * - Accounts (seed/accounts.ts) and the demo playlist (seed/demo-playlist.ts).
 *
 * How each trap is built:
 * - Remaster / deluxe / anniversary editions and compilations: the same recording reused, so the same
 *   ISRC; the version shows either in TIDAL's version field ("2004 Remaster") or inside the title
 *   ("Take It Easy - 2013 Remaster", "Song (2022 Remaster)"), and durations drift by 1-2 s (`d=`).
 * - Remasters or regional releases registered anew (Journey 2022, a-ha's US compilation, Sigur Rós' UK
 *   single): same song, new ISRC; only a fuzzy match finds them.
 * - Re-recordings ("(Taylor's Version)", "Greatest Hits (Re-Recorded)"): same title and artist, new ISRC,
 *   duration within a few seconds.
 * - Live albums, remixes, radio edits, acoustic and instrumental versions, demos and early takes: new
 *   ISRCs, version in the field or the title, durations that sometimes land within seconds of the studio
 *   take (Eagles Live "Hotel California", Queen's "Under Pressure (Rah Mix)").
 * - Explicit albums with clean editions: the same titles again with new ISRCs and `explicit: false`.
 * - Covers (Luke Combs' "Fast Car", Weezer's "Africa", an invented bar band covering the demo's songs)
 *   and unrelated songs with the same title ("Home", "Smooth", "Love Story"), also by the same artist
 *   (repeated "Intro"/"Interlude" tracks, an old title reused for a new song).
 * - "(feat. X)" / "(with X)" in the title, the featured artist in `artistIds`, or both.
 * - Unavailability both ways: `countries.except`/`countries.only` (not returned) and `availability: []`
 *   (returned, greyed out); for the demo, some ISRC twins are unavailable too.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CLIENTS, otherPlaylists, USERS } from './seed/accounts.js';
import { CatalogBuilder } from './seed/catalog-builder.js';
import { CURATED_ARTISTS } from './seed/curated-artists.js';
import { CURATED_COMPILATIONS } from './seed/curated-compilations.js';
import { POP_RELEASES } from './seed/curated-pop.js';
import { ROAD_TRIP_RELEASES } from './seed/curated-road-trip.js';
import { ROCK_CLASSICS_RELEASES } from './seed/curated-rock-classics.js';
import { WORLD_RELEASES } from './seed/curated-world.js';
import { DEMO_PLAYLIST_ID, DEMO_USER_ID } from './seed/demo-playlist.js';
import { type DemoExpectation, renderDemoReport, resolveDemo } from './seed/demo-report.js';
import { addProceduralCatalog } from './seed/procedural-catalog.js';
import { addRelease } from './seed/release-lines.js';
import type { Seed } from './seed/seed-types.js';

export type { DemoExpectation } from './seed/demo-report.js';
export type { Seed } from './seed/seed-types.js';

export const CATALOG_PATH = fileURLToPath(new URL('../seed/catalog.json', import.meta.url));
export const DEMO_REPORT_PATH = fileURLToPath(new URL('../seed/DEMO.md', import.meta.url));

export interface GeneratedSeed {
  seed: Seed;
  demo: DemoExpectation[];
  demoReport: string;
  /** The albums built as compilations: served as ALBUM, as TIDAL serves them (it has no COMPILATION type). */
  compilationIds: ReadonlySet<string>;
}

/** Builds the whole seed in memory; pure and deterministic. */
export function generateSeedWithDemo(): GeneratedSeed {
  const builder = new CatalogBuilder();
  for (const [name, popularity, country] of CURATED_ARTISTS) builder.artist(name, popularity, country);
  for (const release of [
    ...ROAD_TRIP_RELEASES,
    ...ROCK_CLASSICS_RELEASES,
    ...POP_RELEASES,
    ...WORLD_RELEASES,
    ...CURATED_COMPILATIONS,
  ]) {
    addRelease(builder, release);
  }
  addProceduralCatalog(builder);

  const demo = resolveDemo(builder);
  const seed: Seed = {
    version: 1,
    artists: builder.artists,
    albums: builder.albums,
    tracks: builder.tracks,
    users: USERS,
    clients: CLIENTS,
    playlists: [
      {
        id: DEMO_PLAYLIST_ID,
        ownerId: DEMO_USER_ID,
        name: 'Road Trip Classics',
        description: 'Windows down, volume up. Sixty songs for the long way round.',
        accessType: 'PUBLIC',
        createdAt: '2016-07-01T16:20:00.000Z',
        lastModifiedAt: '2023-08-14T11:02:37.000Z',
        trackIds: demo.trackIds,
      },
      ...otherPlaylists(builder.tracks, (albumId) => builder.compilationIds.has(albumId)),
    ],
  };
  return {
    seed,
    demo: demo.cases.map((c) => c.expectation),
    demoReport: renderDemoReport(seed, demo, builder.compilationIds),
    compilationIds: builder.compilationIds,
  };
}

export function generateSeed(): Seed {
  return generateSeedWithDemo().seed;
}

/** One record per line: compact, yet a change to one track is a one-line diff. */
export function serializeSeed(seed: Seed): string {
  const list = (items: readonly unknown[]) =>
    items.length === 0 ? '[]' : `[\n${items.map((item) => JSON.stringify(item)).join(',\n')}\n]`;
  return [
    '{"version":1,',
    `"artists":${list(seed.artists)},`,
    `"albums":${list(seed.albums)},`,
    `"tracks":${list(seed.tracks)},`,
    `"users":${list(seed.users)},`,
    `"clients":${list(seed.clients)},`,
    `"playlists":${list(seed.playlists)}}`,
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  const { seed, demoReport } = generateSeedWithDemo();
  const catalog = serializeSeed(seed);
  const before = await readFile(CATALOG_PATH, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return '';
    throw error;
  });
  await writeFile(CATALOG_PATH, catalog);
  await writeFile(DEMO_REPORT_PATH, demoReport);
  const change = before === catalog ? 'unchanged' : 'written';
  process.stdout.write(
    `${CATALOG_PATH} ${change}: ${seed.artists.length} artists, ${seed.albums.length} albums, ${seed.tracks.length} tracks, ` +
      `${seed.playlists.length} playlists, ${(Buffer.byteLength(catalog) / 1e6).toFixed(2)} MB\n`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
