import { execFile } from 'node:child_process';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { SecretInvalidError, SecretNotFoundError } from './errors.js';
import { resolveJsonSecret, resolveSecret } from './resolve.js';

const CREDS = { group: 'tidal-creds', key: 'json' };
const VALUE = 'sk-live-9f8e7d6c5b4a';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'secrets-test-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** An environment with the secrets dir pointed at this test's temporary directory and nothing else. */
function envWith(vars: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { FLYTE_SECRETS_DEFAULT_DIR: dir, ...vars };
}

async function mountFile(relative: string, content: string): Promise<string> {
  const file = path.join(dir, relative);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, content);
  return file;
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the promise to reject');
}

describe('each source alone', () => {
  it('reads the env variable _UNION_<GROUP>_<KEY>', async () => {
    await expect(
      resolveSecret({ ...CREDS, env: envWith({ '_UNION_TIDAL-CREDS_JSON': VALUE }) }),
    ).resolves.toBe(VALUE);
  });

  it('reads the mounted file <dir>/<group>/<key>', async () => {
    await mountFile('tidal-creds/json', VALUE);
    await expect(resolveSecret({ ...CREDS, env: envWith() })).resolves.toBe(VALUE);
  });

  it('reads an explicit path', async () => {
    const file = await mountFile('elsewhere/creds.json', VALUE);
    await expect(resolveSecret({ ...CREDS, path: file, env: envWith() })).resolves.toBe(VALUE);
  });

  it('trims the trailing newline a file usually ends with', async () => {
    await mountFile('tidal-creds/json', `${VALUE}\n`);
    await expect(resolveSecret({ ...CREDS, env: envWith() })).resolves.toBe(VALUE);
  });

  it('defaults to /etc/flyte/secrets when FLYTE_SECRETS_DEFAULT_DIR is unset', async () => {
    const error = await failure(resolveSecret({ group: 'no-such-group', key: 'k', mount: 'file', env: {} }));
    expect(error.message).toContain('/etc/flyte/secrets/no-such-group/k');
  });
});

describe('precedence', () => {
  it('prefers an explicit path over env and file', async () => {
    await mountFile('tidal-creds/json', 'from-file');
    const file = await mountFile('explicit', 'from-path');
    const env = envWith({ '_UNION_TIDAL-CREDS_JSON': 'from-env' });
    await expect(resolveSecret({ ...CREDS, path: file, env })).resolves.toBe('from-path');
  });

  it('does not fall back from a missing explicit path', async () => {
    await mountFile('tidal-creds/json', 'from-file');
    const env = envWith({ '_UNION_TIDAL-CREDS_JSON': 'from-env' });
    const missing = path.join(dir, 'missing.json');
    const error = await failure(resolveSecret({ ...CREDS, path: missing, env }));
    expect(error).toBeInstanceOf(SecretNotFoundError);
    expect(error.message).toContain(missing);
  });

  it('prefers env over file under mount any', async () => {
    await mountFile('tidal-creds/json', 'from-file');
    const env = envWith({ '_UNION_TIDAL-CREDS_JSON': 'from-env' });
    await expect(resolveSecret({ ...CREDS, env })).resolves.toBe('from-env');
    await expect(resolveSecret({ ...CREDS, mount: 'any', env })).resolves.toBe('from-env');
  });

  it('prefers the exact variable name over its shell-safe spelling', async () => {
    const env = envWith({ '_UNION_TIDAL-CREDS_JSON': 'exact', _UNION_TIDAL_CREDS_JSON: 'shell-safe' });
    await expect(resolveSecret({ ...CREDS, env })).resolves.toBe('exact');
  });
});

describe('mount requirement', () => {
  it('env looks only at the environment', async () => {
    await mountFile('tidal-creds/json', 'from-file');
    const error = await failure(resolveSecret({ ...CREDS, mount: 'env', env: envWith() }));
    expect(error).toBeInstanceOf(SecretNotFoundError);
    expect(error.message).toContain('_UNION_TIDAL-CREDS_JSON');
    expect(error.message).not.toContain(path.join(dir, 'tidal-creds'));
  });

  it('file looks only at the file', async () => {
    const env = envWith({ '_UNION_TIDAL-CREDS_JSON': 'from-env' });
    const error = await failure(resolveSecret({ ...CREDS, mount: 'file', env }));
    expect(error).toBeInstanceOf(SecretNotFoundError);
    expect(error.message).toContain(path.join(dir, 'tidal-creds', 'json'));
    expect(error.message).not.toContain('_UNION_');
    await mountFile('tidal-creds/json', 'from-file');
    await expect(resolveSecret({ ...CREDS, mount: 'file', env })).resolves.toBe('from-file');
  });
});

describe('Flyte variables', () => {
  it('FLYTE_SECRETS_ENV_PREFIX changes the variable name', async () => {
    const env = envWith({ FLYTE_SECRETS_ENV_PREFIX: '_FSEC_', '_FSEC_TIDAL-CREDS_JSON': VALUE });
    await expect(resolveSecret({ ...CREDS, mount: 'env', env })).resolves.toBe(VALUE);
    const unprefixed = envWith({ FLYTE_SECRETS_ENV_PREFIX: '_FSEC_', '_UNION_TIDAL-CREDS_JSON': VALUE });
    await expect(resolveSecret({ ...CREDS, mount: 'env', env: unprefixed })).rejects.toThrow(
      SecretNotFoundError,
    );
  });

  it('FLYTE_SECRETS_FILE_PREFIX prefixes the file name', async () => {
    await mountFile('tidal-creds/secret_json', VALUE);
    const env = envWith({ FLYTE_SECRETS_FILE_PREFIX: 'secret_' });
    await expect(resolveSecret({ ...CREDS, mount: 'file', env })).resolves.toBe(VALUE);
  });

  it('FLYTE_SECRETS_DEFAULT_DIR moves the mount directory', async () => {
    const other = path.join(dir, 'other-root');
    await mountFile('other-root/tidal-creds/json', VALUE);
    await expect(
      resolveSecret({ ...CREDS, mount: 'file', env: { FLYTE_SECRETS_DEFAULT_DIR: other } }),
    ).resolves.toBe(VALUE);
  });

  it('accepts the hyphen-free variable name a shell can export', async () => {
    const env = envWith({ _UNION_TIDAL_CREDS_JSON: VALUE });
    await expect(resolveSecret({ ...CREDS, env })).resolves.toBe(VALUE);
  });

  it('lower-cases the group in the file path, but not the key', async () => {
    await mountFile('tidal-creds/JSON', VALUE);
    const env = envWith();
    await expect(resolveSecret({ group: 'TIDAL-Creds', key: 'JSON', mount: 'file', env })).resolves.toBe(
      VALUE,
    );
  });
});

describe('bad secrets', () => {
  it('lists every place looked when nothing is found', async () => {
    const error = await failure(resolveSecret({ ...CREDS, env: envWith() }));
    expect(error).toBeInstanceOf(SecretNotFoundError);
    expect(error.message).toContain('environment variable _UNION_TIDAL-CREDS_JSON');
    expect(error.message).toContain('environment variable _UNION_TIDAL_CREDS_JSON');
    expect(error.message).toContain(`file ${path.join(dir, 'tidal-creds', 'json')}`);
    expect((error as SecretNotFoundError).looked).toHaveLength(3);
  });

  it.each([
    ['env', async () => envWith({ '_UNION_TIDAL-CREDS_JSON': '  \n' })],
    [
      'file',
      async () => {
        await mountFile('tidal-creds/json', '\n');
        return envWith();
      },
    ],
  ])('rejects an empty value from %s', async (_source, makeEnv) => {
    const error = await failure(resolveSecret({ ...CREDS, env: await makeEnv() }));
    expect(error).toBeInstanceOf(SecretInvalidError);
    expect(error.message).toMatch(/is empty/);
  });

  it('rejects a directory where a file should be', async () => {
    await mkdir(path.join(dir, 'tidal-creds', 'json'), { recursive: true });
    const error = await failure(resolveSecret({ ...CREDS, env: envWith() }));
    expect(error).toBeInstanceOf(SecretInvalidError);
    expect(error.message).toMatch(/is a directory/);
  });

  it('rejects a file it may not read', async () => {
    const file = await mountFile('tidal-creds/json', VALUE);
    await chmod(file, 0o000);
    // Root reads any file, so the read is tried as an unprivileged user, in a child process.
    const message =
      process.getuid?.() === 0 ? await readAsNobody(file) : (await failure(resolveFromPath(file))).message;
    expect(message).toMatch(/SecretInvalidError/);
    expect(message).toMatch(/permission denied/);
    expect(message).not.toContain(VALUE);
  });

  it('rejects malformed JSON without quoting it', async () => {
    const env = envWith({ '_UNION_TIDAL-CREDS_JSON': `{"access_token": "${VALUE}"` });
    const error = await failure(resolveJsonSecret(z.object({ access_token: z.string() }), { ...CREDS, env }));
    expect(error).toBeInstanceOf(SecretInvalidError);
    expect(error.message).toMatch(/not valid JSON/);
    expect(error.message).not.toContain(VALUE);
  });

  it('names the failing field of a schema failure, never its value', async () => {
    const schema = z.object({
      client_id: z.string(),
      access_token: z.string().min(100),
      expires_at: z.number(),
    });
    const env = envWith({
      '_UNION_TIDAL-CREDS_JSON': JSON.stringify({
        client_id: 'abc',
        access_token: VALUE,
        expires_at: 'soon',
      }),
    });
    const error = await failure(resolveJsonSecret(schema, { ...CREDS, env }));
    expect(error).toBeInstanceOf(SecretInvalidError);
    expect(error.message).toContain('field access_token');
    expect(error.message).toContain('field expires_at');
    expect(error.message).not.toContain(VALUE);
    expect(error.message).not.toContain('soon');
  });

  it('scrubs a value that a custom refinement quotes', async () => {
    const schema = z.object({
      token: z
        .string()
        .refine((token) => token.startsWith('tk_'), { error: (issue) => `bad ${issue.input}` }),
    });
    const env = envWith({ '_UNION_TIDAL-CREDS_JSON': JSON.stringify({ token: VALUE }) });
    const error = await failure(resolveJsonSecret(schema, { ...CREDS, env }));
    expect(error.message).toContain('field token');
    expect(error.message).not.toContain(VALUE);
  });

  it('returns the parsed, validated value', async () => {
    const schema = z.object({ access_token: z.string(), expires_at: z.number().optional() });
    const env = envWith({ '_UNION_TIDAL-CREDS_JSON': JSON.stringify({ access_token: VALUE, extra: 1 }) });
    await expect(resolveJsonSecret(schema, { ...CREDS, env })).resolves.toEqual({ access_token: VALUE });
  });
});

describe('never leaks the value', () => {
  it('logs where a secret came from, not what it is', async () => {
    const lines: string[] = [];
    const logger = {
      debug: (fields: Record<string, unknown>, message: string) =>
        lines.push(JSON.stringify({ ...fields, message })),
    };
    await mountFile('tidal-creds/json', VALUE);
    await resolveSecret({ ...CREDS, env: envWith(), logger });
    await resolveSecret({ ...CREDS, env: envWith({ _UNION_TIDAL_CREDS_JSON: VALUE }), logger });
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain('"source":"file"');
    expect(lines[1]).toContain('"source":"env"');
    for (const line of lines) expect(line).not.toContain(VALUE);
  });

  it('keeps the value out of every error a bad secret can raise', async () => {
    const schema = z.object({ n: z.number() });
    const cases: Array<() => Promise<unknown>> = [
      () => resolveJsonSecret(schema, { ...CREDS, env: envWith({ _UNION_TIDAL_CREDS_JSON: VALUE }) }),
      () =>
        resolveJsonSecret(schema, {
          ...CREDS,
          env: envWith({ _UNION_TIDAL_CREDS_JSON: `{"n":"${VALUE}"}` }),
        }),
      () =>
        resolveJsonSecret(schema, { ...CREDS, env: envWith({ _UNION_TIDAL_CREDS_JSON: `["${VALUE}"]` }) }),
    ];
    for (const run of cases) {
      const error = await failure(run());
      expect(error).toBeInstanceOf(SecretInvalidError);
      expect(`${error.message}\n${error.stack}\n${JSON.stringify(error)}`).not.toContain(VALUE);
    }
  });
});

const here = path.dirname(fileURLToPath(import.meta.url));

function resolveFromPath(file: string): Promise<string> {
  return resolveSecret({ ...CREDS, path: file, env: {} });
}

async function readAsNobody(file: string): Promise<string> {
  await chmod(dir, 0o755);
  const script = `
    import { resolveSecret } from ${JSON.stringify(path.join(here, 'resolve.ts'))};
    try { await resolveSecret({ group: 'g', key: 'k', path: ${JSON.stringify(file)}, env: {} }); console.log('read it'); }
    catch (error) { console.log(error.name + ': ' + error.message); }`;
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '-e', script],
    {
      uid: 65534,
      gid: 65534,
      cwd: here,
      env: { PATH: process.env.PATH, HOME: '/tmp' },
    },
  );
  return stdout;
}
