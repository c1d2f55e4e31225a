import type { SecretRef } from './secret-ref.js';

/** A place a secret was looked for, named so a person can go and put it there. */
export type SecretSource =
  | { kind: 'path'; path: string }
  | { kind: 'env'; name: string }
  | { kind: 'file'; path: string };

export function describeSource(source: SecretSource): string {
  switch (source.kind) {
    case 'path':
      return `file ${source.path} (explicit path)`;
    case 'env':
      return `environment variable ${source.name}`;
    case 'file':
      return `file ${source.path}`;
  }
}

/** The secret is in none of the places looked. The message lists them all; it never holds a value. */
export class SecretNotFoundError extends Error {
  override readonly name = 'SecretNotFoundError';
  constructor(
    readonly ref: SecretRef,
    readonly looked: SecretSource[],
    readonly problems: string[] = [],
  ) {
    const places = looked.map((source) => `  - ${describeSource(source)}`).join('\n');
    const notes = problems.length > 0 ? `\n${problems.map((problem) => `  ! ${problem}`).join('\n')}` : '';
    super(
      `Secret ${ref.group}/${ref.key} was not found. Looked in:\n${places}${notes}\n` +
        'Set one of these variables, mount the secret at one of these paths, or pass an explicit path.',
    );
  }
}

/**
 * The secret was found but cannot be used: empty, unreadable, not JSON, or not of the expected shape. The
 * message names the source and the failing field; it never holds the value.
 */
export class SecretInvalidError extends Error {
  override readonly name = 'SecretInvalidError';
  constructor(
    readonly ref: SecretRef,
    readonly source: SecretSource,
    readonly problem: string,
  ) {
    super(`Secret ${ref.group}/${ref.key} from ${describeSource(source)} is invalid: ${problem}`);
  }
}
