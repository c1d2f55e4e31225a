import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Logger } from '@tidal-remedy/log';
import type { z } from 'zod';
import { sha256Hex } from './canonical-json.js';
import { decodeEntry } from './decode.js';
import type { StepCache } from './step-cache.js';

const FILES_AT_ONCE = 32;

/** The user's cache directory: `$XDG_CACHE_HOME/tidal-remedy`, else `~/.cache/tidal-remedy`. */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'tidal-remedy');
}

/**
 * The cache of mode 1 (one process, no Redis): one JSON file per entry. File names are the sha256 of the
 * key, so no key text reaches a path. Writes go through a temporary file and a rename, so a crash never
 * leaves half an entry.
 */
export class FileStepCache implements StepCache {
  constructor(
    private readonly dir: string = defaultCacheDir(),
    private readonly options: { logger?: Logger } = {},
  ) {}

  pathOf(key: string): string {
    const digest = sha256Hex(key);
    return path.join(this.dir, digest.slice(0, 2), `${digest}.json`);
  }

  async get<Schema extends z.ZodType>(key: string, schema: Schema): Promise<z.output<Schema> | undefined> {
    let text: string;
    try {
      text = await readFile(this.pathOf(key), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
        this.options.logger?.warn(
          { cacheKey: key, err: error },
          'cache entry unreadable; treating it as a miss',
        );
      }
      return undefined;
    }
    return decodeEntry(key, text, schema, this.options.logger);
  }

  async getMany<Schema extends z.ZodType>(
    keys: string[],
    schema: Schema,
  ): Promise<Array<z.output<Schema> | undefined>> {
    return Promise.all(keys.map((key) => this.get(key, schema)));
  }

  async set(key: string, value: unknown): Promise<void> {
    const file = this.pathOf(key);
    await mkdir(path.dirname(file), { recursive: true });
    const temporary = `${file}.${process.pid}.${Date.now()}.tmp`;
    await writeFile(temporary, JSON.stringify(value));
    await rename(temporary, file);
  }

  async setMany(entries: ReadonlyArray<readonly [string, unknown]>): Promise<void> {
    // A few files at a time: thousands at once would run out of file descriptors.
    for (let start = 0; start < entries.length; start += FILES_AT_ONCE) {
      await Promise.all(
        entries.slice(start, start + FILES_AT_ONCE).map(([key, value]) => this.set(key, value)),
      );
    }
  }

  async close(): Promise<void> {}
}
