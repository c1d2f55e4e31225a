import type { SeedInput } from '@tidal-remedy/tidal-emulator';

/**
 * A small, hand-made seed for tests (the bundled catalog is not needed to test the emulator or the
 * client). It holds the cases that matter: one recording on three releases (one not returned in US, one
 * a compilation), a track returned but not streamable, a track whose details TIDAL hides, featured and
 * non-Latin artists, and a playlist long enough to page.
 */
export const FIXTURE = {
  userId: '190000001',
  otherUserId: '190000002',
  countryCode: 'US',
  userClient: {
    clientId: 'test-client',
    clientSecret: 'test-secret',
    refreshToken: 'test-refresh-token',
    redirectUri: 'http://127.0.0.1:8765/callback',
  },
  /** A client whose users may grant it reading only (no playlists.write): the fail-fast checks use it. */
  readOnlyClient: {
    clientId: 'read-only-client',
    clientSecret: 'read-only-secret',
    refreshToken: 'read-only-refresh-token',
    scopes: ['playlists.read', 'user.read'],
    redirectUri: 'http://127.0.0.1:8765/callback',
  },
  catalogClient: { clientId: 'catalog-client', clientSecret: 'catalog-secret' },
  otherClient: { clientId: 'other-client', refreshToken: 'other-refresh-token' },
  playlistId: '4b1c5e2a-7d3f-4e8a-9c6b-2f0d1e3a5b7c',
  otherPlaylistId: '0f5e7c2b-9a1d-4c3e-8b6f-1a2b3c4d5e6f',
  /** Bohemian Rhapsody, original release: not returned in US. */
  notInUsTrackId: '100',
  /** The same recording (same ISRC), 2011 remaster on a compilation: available. */
  remasterTrackId: '101',
  /** Under Pressure: returned in US, availability [] (greyed out). */
  noStreamTrackId: '103',
  bohemianIsrc: 'GBUM71029604',
  /** Filler tracks 1000…1000+FILLER_COUNT-1 make the playlist long enough to page. */
  fillerCount: 57,
  /** A track whose details TIDAL hides (returned in no reading), in the playlist `hiddenPlaylistId`. */
  hiddenTrackId: '106',
  hiddenPlaylistId: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
} as const;

export function fixtureSeed(): SeedInput {
  const fillers = Array.from({ length: FIXTURE.fillerCount }, (_, n) => ({
    id: String(1000 + n),
    title: `Filler Song ${n + 1}`,
    isrc: `USFIL${String(2400000 + n).padStart(7, '0')}`,
    durationSeconds: 180 + n,
    artistIds: ['5'],
    albumId: '14',
    trackNumber: n + 1,
  }));
  return {
    version: 1,
    artists: [
      { id: '1', name: 'Queen', popularity: 0.9 },
      { id: '2', name: 'David Bowie', popularity: 0.85 },
      { id: '3', name: 'Beyoncé', popularity: 0.95 },
      { id: '4', name: '坂本龍一', popularity: 0.6 },
      { id: '5', name: 'The Fillers' },
      { id: '6', name: 'JAY-Z', popularity: 0.9 },
      { id: '7', name: 'Fleetwood Mac', popularity: 0.85 },
    ],
    albums: [
      { id: '10', title: 'A Night at the Opera', type: 'ALBUM', releaseDate: '1975-11-21', artistIds: ['1'] },
      // A compilation, served as TIDAL serves one: an ALBUM (its title and date tell what it is).
      { id: '11', title: 'Greatest Hits', type: 'ALBUM', releaseDate: '1981-10-26', artistIds: ['1'] },
      { id: '12', title: 'Hot Space', type: 'ALBUM', releaseDate: '1982-05-21', artistIds: ['1'] },
      { id: '13', title: 'Dangerously in Love', type: 'ALBUM', releaseDate: '2003-06-20', artistIds: ['3'] },
      { id: '14', title: 'Filler Collection', type: 'ALBUM', releaseDate: '2020-01-01', artistIds: ['5'] },
      {
        id: '15',
        title: 'Merry Christmas Mr. Lawrence',
        type: 'SINGLE',
        releaseDate: '1983-05-28',
        artistIds: ['4'],
      },
      { id: '16', title: 'Rumours', type: 'ALBUM', releaseDate: '1977-02-04', artistIds: ['7'] },
      { id: '17', title: 'Rumours (Deluxe)', type: 'ALBUM', releaseDate: '2004-03-22', artistIds: ['7'] },
    ],
    tracks: [
      {
        id: FIXTURE.notInUsTrackId,
        title: 'Bohemian Rhapsody',
        isrc: FIXTURE.bohemianIsrc,
        durationSeconds: 355,
        popularity: 0.95,
        artistIds: ['1'],
        albumId: '10',
        trackNumber: 11,
        countries: { except: ['US'] },
      },
      {
        id: FIXTURE.remasterTrackId,
        title: 'Bohemian Rhapsody',
        version: '2011 Remaster',
        isrc: FIXTURE.bohemianIsrc,
        durationSeconds: 354,
        popularity: 0.8,
        artistIds: ['1'],
        albumId: '11',
        trackNumber: 1,
      },
      {
        id: '102',
        title: 'Bohemian Rhapsody',
        version: 'Live Aid',
        isrc: 'GBUM70500001',
        durationSeconds: 150,
        popularity: 0.5,
        artistIds: ['1'],
        albumId: '11',
        trackNumber: 17,
      },
      {
        id: FIXTURE.noStreamTrackId,
        title: 'Under Pressure',
        isrc: 'GBUM71100001',
        durationSeconds: 248,
        artistIds: ['1', '2'],
        albumId: '12',
        trackNumber: 11,
        availability: [],
      },
      {
        id: '104',
        title: 'Crazy in Love (feat. JAY-Z)',
        isrc: 'USSM10300001',
        durationSeconds: 236,
        explicit: true,
        popularity: 0.9,
        artistIds: ['3', '6'],
        albumId: '13',
      },
      {
        id: '105',
        title: 'Merry Christmas Mr. Lawrence',
        isrc: 'JPTO08300001',
        durationSeconds: 275,
        artistIds: ['4'],
        albumId: '15',
        countries: { only: ['JP', 'US'] },
      },
      {
        id: FIXTURE.hiddenTrackId,
        title: 'Go Your Own Way',
        isrc: 'USWB19900001',
        durationSeconds: 218,
        artistIds: ['7'],
        albumId: '16',
        detailsHidden: true,
      },
      {
        id: '107',
        title: 'Go Your Own Way',
        version: '2004 Remaster',
        isrc: 'USWB19900001',
        durationSeconds: 218,
        artistIds: ['7'],
        albumId: '17',
      },
      ...fillers,
    ],
    users: [
      { id: FIXTURE.userId, username: 'demo', countryCode: 'US' },
      { id: FIXTURE.otherUserId, username: 'other', countryCode: 'GB' },
    ],
    clients: [
      {
        clientId: FIXTURE.userClient.clientId,
        clientSecret: FIXTURE.userClient.clientSecret,
        userId: FIXTURE.userId,
        refreshTokens: [FIXTURE.userClient.refreshToken],
        redirectUris: [FIXTURE.userClient.redirectUri],
      },
      {
        clientId: FIXTURE.readOnlyClient.clientId,
        clientSecret: FIXTURE.readOnlyClient.clientSecret,
        userId: FIXTURE.userId,
        refreshTokens: [FIXTURE.readOnlyClient.refreshToken],
        scopes: [...FIXTURE.readOnlyClient.scopes],
        redirectUris: [FIXTURE.readOnlyClient.redirectUri],
      },
      { clientId: FIXTURE.catalogClient.clientId, clientSecret: FIXTURE.catalogClient.clientSecret },
      {
        clientId: FIXTURE.otherClient.clientId,
        userId: FIXTURE.otherUserId,
        refreshTokens: [FIXTURE.otherClient.refreshToken],
      },
    ],
    playlists: [
      {
        id: FIXTURE.playlistId,
        ownerId: FIXTURE.userId,
        name: 'Road Trip Classics',
        description: 'Fixture playlist',
        createdAt: '2024-01-01T00:00:00.000Z',
        lastModifiedAt: '2024-02-01T00:00:00.000Z',
        trackIds: [
          FIXTURE.notInUsTrackId,
          FIXTURE.noStreamTrackId,
          '104',
          '105',
          ...fillers.map((track) => track.id),
        ],
      },
      {
        id: FIXTURE.otherPlaylistId,
        ownerId: FIXTURE.otherUserId,
        name: 'Someone else’s',
        accessType: 'UNLISTED',
        createdAt: '2024-01-01T00:00:00.000Z',
        lastModifiedAt: '2024-01-01T00:00:00.000Z',
        trackIds: [FIXTURE.remasterTrackId],
      },
      {
        id: FIXTURE.hiddenPlaylistId,
        ownerId: FIXTURE.userId,
        name: 'Hidden details',
        createdAt: '2024-01-01T00:00:00.000Z',
        lastModifiedAt: '2024-01-01T00:00:00.000Z',
        trackIds: ['104', FIXTURE.hiddenTrackId, '105'],
      },
    ],
  };
}
