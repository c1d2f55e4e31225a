import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { type Seed, SeedSchema } from './seed-schema.js';

export class SeedFileError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SeedFileError';
  }
}

/** Reads and validates a seed file; a bad one names the file and the failing fields. */
export async function loadSeedFile(path: string): Promise<Seed> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new SeedFileError(
      `Cannot read the emulator seed ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}. ` +
        'Pass --seed FILE, or generate the bundled one with `pnpm --filter @tidal-remedy/tidal-emulator seed:generate`.',
      { cause: error },
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // JSON.parse's message quotes the text it choked on: never repeat a file's content (it may be any
    // file, /etc/passwd or a key), only its name and what is wrong with it.
    throw new SeedFileError(
      `The emulator seed ${path} is not JSON, so it is not a seed file. Give a seed made by \`pnpm --filter @tidal-remedy/tidal-emulator seed:generate\` (the format is in services/tidal-emulator/README.md), or --emulator alone for the bundled catalog.`,
    );
  }
  const result = SeedSchema.safeParse(json);
  if (!result.success) {
    throw new SeedFileError(
      `The emulator seed ${path} does not match the seed format:\n${z.prettifyError(result.error)}`,
    );
  }
  return result.data;
}
