import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixtureSeed } from '@tidal-remedy/test-support/emulator-fixture';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Catalog, SeedReferenceError } from './catalog.js';
import { loadSeedFile, SeedFileError } from './seed-file.js';
import { SeedSchema } from './seed-schema.js';

describe('seed files', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tidal-emulator-seed-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('loads a seed and applies the format’s defaults', async () => {
    const path = join(dir, 'ok.json');
    await writeFile(path, JSON.stringify(fixtureSeed()));
    const seed = await loadSeedFile(path);
    const track = seed.tracks.find((t) => t.id === '104')!;
    expect(track).toMatchObject({
      version: null,
      availability: ['STREAM', 'DJ'],
      countries: {},
      volumeNumber: 1,
    });
  });

  it('names a missing file and says how to get one', async () => {
    await expect(loadSeedFile(join(dir, 'absent.json'))).rejects.toThrow(/ENOENT.*seed:generate/s);
  });

  it('names a file that is not JSON without repeating any of its content', async () => {
    const path = join(dir, 'passwd');
    await writeFile(path, 'root:x:0:0:root:/root:/bin/bash\nsecret-line\n');
    const error = await loadSeedFile(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SeedFileError);
    const text = `${(error as Error).message} ${String((error as Error).cause ?? '')}`;
    expect(text).toContain(`The emulator seed ${path} is not JSON`);
    expect(text.replaceAll(path, '')).not.toMatch(/root|secret|bash/);
  });

  it('names the failing field of a bad seed', async () => {
    const seed = fixtureSeed();
    (seed.tracks[0] as { durationSeconds: unknown }).durationSeconds = 'long';
    const path = join(dir, 'bad.json');
    await writeFile(path, JSON.stringify(seed));
    const error = await loadSeedFile(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SeedFileError);
    expect((error as Error).message).toMatch(/tracks\[0\]\.durationSeconds/);
  });

  it('the README’s example seed is valid', async () => {
    const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8');
    const example = readme.split('## The seed format')[1]?.match(/```json\n([\s\S]*?)```/)?.[1];
    expect(example).toBeDefined();
    const seed = SeedSchema.parse(JSON.parse(example!));
    expect(new Catalog(seed).tracksWithIsrc('GBUM71029604').map((track) => track.id)).toEqual(['100', '101']);
  });

  it('refuses a seed whose references do not resolve, listing them', () => {
    const seed = fixtureSeed();
    seed.tracks[0]!.albumId = '404';
    seed.playlists[0]!.trackIds.push('777');
    const error = (() => {
      try {
        return new Catalog(SeedSchema.parse(seed));
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(SeedReferenceError);
    expect((error as SeedReferenceError).problems).toEqual([
      'track 100: unknown album 404',
      'playlist 4b1c5e2a-7d3f-4e8a-9c6b-2f0d1e3a5b7c: unknown track 777',
    ]);
  });
});
