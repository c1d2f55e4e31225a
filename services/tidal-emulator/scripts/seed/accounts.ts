import { BENCH_ACCOUNT, DEMO_ACCOUNT } from '../../src/seed-accounts.js';
import { DEMO_USER_ID } from './demo-playlist.js';
import { hash32, Rng } from './prng.js';
import type { SeedClient, SeedPlaylist, SeedTrack, SeedUser } from './seed-types.js';
import { isStreamableIn } from './seed-types.js';

/**
 * Users, OAuth clients and the playlists besides the demo one. The demo values are fixed by
 * notes/seed-format.md; the bench user owns the large playlist so benchmarks can write to it.
 */
export const BENCH_USER_ID = BENCH_ACCOUNT.userId;

export const USERS: SeedUser[] = [
  { id: DEMO_USER_ID, username: 'demo', countryCode: 'US' },
  { id: BENCH_USER_ID, username: 'bench', countryCode: 'US' },
  { id: '190000003', username: 'lena.m', countryCode: 'DE' },
  { id: '190000004', username: 'haruto', countryCode: 'JP' },
];

export const CLIENTS: SeedClient[] = [
  {
    clientId: DEMO_ACCOUNT.clientId,
    clientSecret: DEMO_ACCOUNT.clientSecret,
    userId: DEMO_USER_ID,
    refreshTokens: [DEMO_ACCOUNT.refreshToken],
    redirectUris: [...DEMO_ACCOUNT.redirectUris],
  },
  {
    clientId: BENCH_ACCOUNT.clientId,
    clientSecret: BENCH_ACCOUNT.clientSecret,
    userId: BENCH_USER_ID,
    refreshTokens: [BENCH_ACCOUNT.refreshToken],
  },
];

/** A UUID v4 derived from a name, so playlist ids are as stable as the demo's fixed one. */
export function uuidFor(name: string): string {
  const hex = [0, 1, 2, 3].map((i) => hash32(`uuid${i}:${name}`).toString(16).padStart(8, '0')).join('');
  const variant = '89ab'[hash32(`variant:${name}`) % 4];
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export function otherPlaylists(
  tracks: readonly SeedTrack[],
  isCompilation: (albumId: string) => boolean,
): SeedPlaylist[] {
  // Playlists hold what people add: mostly album and single tracks, few compilation or live versions.
  const listenable = tracks.filter((t) => !isCompilation(t.albumId) && t.version === null);
  return [
    {
      id: uuidFor('playlist:decades'),
      ownerId: BENCH_USER_ID,
      name: 'Decades of Everything',
      description: 'Nine hundred songs from the fifties to now. Big enough to page through and to benchmark.',
      accessType: 'PUBLIC',
      createdAt: '2019-02-11T18:04:22.000Z',
      lastModifiedAt: '2024-05-30T07:41:09.000Z',
      trackIds: largePlaylist(listenable, 900),
    },
    {
      id: uuidFor('playlist:sonntag'),
      ownerId: '190000003',
      name: 'Sonntagmorgen ☕',
      description: 'Was sonntags beim langen Frühstück läuft.',
      accessType: 'PUBLIC',
      createdAt: '2021-10-03T08:12:00.000Z',
      lastModifiedAt: '2023-12-17T09:30:45.000Z',
      trackIds: sample(listenable, 'playlist:sonntag', 45, 'DE', 0.1),
    },
    {
      id: uuidFor('playlist:yoru'),
      ownerId: '190000004',
      name: '夜のドライブ',
      description: 'J-pop, K-pop and Mandopop for the night highway.',
      accessType: 'UNLISTED',
      createdAt: '2022-08-19T13:55:10.000Z',
      lastModifiedAt: '2024-01-05T22:18:31.000Z',
      trackIds: sample(
        listenable.filter((t) => /[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]/.test(t.title)),
        'playlist:yoru',
        30,
        'JP',
        0.1,
      ),
    },
    {
      id: uuidFor('playlist:scratch'),
      ownerId: DEMO_USER_ID,
      name: 'Scratchpad',
      description: '',
      accessType: 'PUBLIC',
      createdAt: '2024-03-02T10:00:00.000Z',
      lastModifiedAt: '2024-03-02T10:00:00.000Z',
      trackIds: [],
    },
  ];
}

/** About one in eight unavailable in US, and a few songs added twice, as long-lived playlists have. */
function largePlaylist(tracks: readonly SeedTrack[], size: number): string[] {
  const ids = sample(tracks, 'playlist:decades', size - 4, 'US', 0.12);
  const rng = new Rng('playlist:decades:duplicates');
  for (let i = 0; i < 4; i++) ids.splice(rng.int(0, ids.length), 0, rng.pick(ids));
  return ids;
}

function sample(
  tracks: readonly SeedTrack[],
  name: string,
  size: number,
  country: string,
  unavailableShare: number,
): string[] {
  const rng = new Rng(name);
  const unavailable = tracks.filter((t) => !isStreamableIn(t, country));
  const available = tracks.filter((t) => isStreamableIn(t, country));
  const bad = Math.min(unavailable.length, Math.round(size * unavailableShare));
  const chosen = [...rng.sample(unavailable, bad), ...rng.sample(available, size - bad)];
  return rng.sample(chosen, chosen.length).map((t) => t.id);
}
