import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.js';
import { redactText } from './redact.js';

const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.c2VjcmV0LXBheWxvYWQ.sig-abc123';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, logger: createLogger({ name: 'test', level: 'debug', destination }) };
}

describe('createLogger', () => {
  it('writes JSON lines with the name, level label and message', () => {
    const { lines, logger } = capture();
    logger.info({ remedyId: 'rem-abc123' }, 'remedy queued');
    const line = JSON.parse(lines[0]!);
    expect(line).toMatchObject({ name: 'test', level: 'info', remedyId: 'rem-abc123', msg: 'remedy queued' });
  });

  it('masks secret-named fields at any depth', () => {
    const { lines, logger } = capture();
    logger.info(
      {
        access_token: TOKEN,
        config: { tidal: { credentials: { refresh_token: TOKEN } }, apiToken: TOKEN },
        request: { headers: { Authorization: `Bearer ${TOKEN}`, accept: 'application/json' } },
        list: [{ clientSecret: TOKEN }],
      },
      'configured',
    );
    expect(lines[0]).not.toContain(TOKEN);
    const line = JSON.parse(lines[0]!);
    expect(line.access_token).toBe('[redacted]');
    expect(line.request.headers.accept).toBe('application/json');
  });

  it('keeps fields that name where a secret lives', () => {
    const { lines, logger } = capture();
    logger.info(
      { FLYTE_SECRETS_DEFAULT_DIR: '/etc/flyte/secrets', secretName: 'tidal-creds', token: 'x' },
      'paths',
    );
    expect(JSON.parse(lines[0]!)).toMatchObject({
      FLYTE_SECRETS_DEFAULT_DIR: '/etc/flyte/secrets',
      secretName: 'tidal-creds',
      token: '[redacted]',
    });
  });

  it('masks credentials inside messages and errors', () => {
    const { lines, logger } = capture();
    logger.warn(`retrying with Bearer ${TOKEN}`);
    logger.error(
      { err: new Error(`token endpoint said no to refresh_token=${TOKEN}&grant_type=x`) },
      'refresh failed',
    );
    logger.error(new Error(`{"access_token":"${TOKEN}"}`));
    expect(lines).toHaveLength(3);
    for (const line of lines) expect(line).not.toContain(TOKEN);
    expect(JSON.parse(lines[1]!).err.message).toContain('grant_type=x');
  });

  it('survives circular objects', () => {
    const { lines, logger } = capture();
    const loop: Record<string, unknown> = { name: 'loop' };
    loop.self = loop;
    logger.info({ loop }, 'circular');
    expect(JSON.parse(lines[0]!).loop.self).toBe('[circular]');
  });
});

describe('redactText', () => {
  it.each([
    [`Authorization: Bearer ${TOKEN}`, 'Authorization: Bearer [redacted]'],
    [`https://x/y?access_token=${TOKEN}&a=1`, 'https://x/y?access_token=[redacted]&a=1'],
    [`{"refresh_token": "${TOKEN}"}`, '{"refresh_token": "[redacted]"}'],
    ['redis://:hunter2@redis:6379/0', 'redis://:[redacted]@redis:6379/0'],
    ['rediss://default:hunter2@cache.example:6380', 'rediss://default:[redacted]@cache.example:6380'],
    [
      'nothing secret here, see https://tidal.com/browse',
      'nothing secret here, see https://tidal.com/browse',
    ],
  ])('%s', (input, expected) => {
    expect(redactText(input)).toBe(expected);
  });
});
