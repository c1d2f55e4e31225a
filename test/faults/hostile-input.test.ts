import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { JOBS, jobIds, RemedyQueues } from '@tidal-remedy/queue';
import { RemedyStore } from '@tidal-remedy/remedies';
import { waitForRemedy, workerEnv } from '@tidal-remedy/test-support/pipeline';
import { type ChildHandle, spawnTs } from '@tidal-remedy/test-support/process';
import { connectRedis, deletePrefix, redisUrl, testPrefix } from '@tidal-remedy/test-support/redis';
import {
  DEFAULT_SEED_PATH,
  DEMO_ACCOUNT,
  type EmulatorHandle,
  loadSeedFile,
  startEmulator,
} from '@tidal-remedy/tidal-emulator';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from './support/api-client.js';
import { Fleet } from './support/fleet.js';
import {
  HOSTILE_ARTIST,
  HOSTILE_CLIENT,
  HOSTILE_NAME,
  HOSTILE_PLAYLIST_ID,
  HOSTILE_TRACK_TITLE,
  hostileSeed,
} from './support/hostile-seed.js';
import { playlistsNamed } from './support/remedy-facts.js';

/**
 * The system as a hostile user meets it: the HTTP API with bad tokens, bodies and ids; a playlist whose
 * name and tracks carry markup, SQL, paths and terminal control sequences; credentials files that are not
 * credentials; a job whose payload points at a path. Each gets a clear 4xx, a clear failed state or a
 * clear exit message, and no secret shows in any answer or any process's output.
 */
const prefix = testPrefix('hostile');
const fleet = new Fleet();
const TOKEN = 'hostile-api-token-4b9e1f7c2a8d6e3f';
/** Written into the credentials files that are not JSON or not credentials: it must never be echoed. */
const FILE_SECRET = 'file-secret-0c7a5e3f9b1d2e8a';
const JSON_TYPE = 'application/json';

let redis: Redis;
let emulator: EmulatorHandle;
let api: ApiClient;
let dir: string;
let seedPath: string;
/** Every answer the API gave, headers and body, for the final scan. */
const answers: string[] = [];
/** The CLI runs and the workers that refused to start, for the final scan. */
const others: ChildHandle[] = [];

beforeAll(async () => {
  redis = connectRedis();
  dir = await mkdtemp(path.join(tmpdir(), 'tr-hostile-'));
  const seed = hostileSeed(await loadSeedFile(DEFAULT_SEED_PATH));
  seedPath = path.join(dir, 'seed.json');
  await writeFile(seedPath, JSON.stringify(seed));
  emulator = await startEmulator({ seed, port: 0 });
  const credentials = JSON.stringify({
    client_id: HOSTILE_CLIENT.clientId,
    client_secret: HOSTILE_CLIENT.clientSecret,
    refresh_token: HOSTILE_CLIENT.refreshToken,
  });
  // Debug logs: the most a process ever writes is what is scanned for secrets.
  const env = workerEnv(emulator, prefix, { _UNION_TIDAL_CREDS_JSON: credentials, LOG_LEVEL: 'debug' });
  const [apiHandle] = await Promise.all([
    fleet.start('api', {
      PORT: '0',
      REDIS_URL: redisUrl(),
      REDIS_PREFIX: prefix,
      LOG_LEVEL: 'debug',
      _UNION_REMEDY_API_TOKEN: TOKEN,
    }),
    fleet.start('fetcher', env),
    fleet.start('matcher', env),
    fleet.start('publisher', env),
  ]);
  const { port } = JSON.parse(await apiHandle.waitFor(/"msg":"listening"/));
  await apiHandle.waitFor(/"msg":"Redis connection ready"/);
  api = new ApiClient(`http://127.0.0.1:${port}`, TOKEN);
}, 60_000);

afterAll(async () => {
  await fleet.closeAll();
  for (const handle of others) handle.child.kill('SIGKILL');
  await emulator?.close();
  await deletePrefix(redis, prefix);
  redis.disconnect();
  await rm(dir, { recursive: true, force: true });
});

/** A request to the API, kept for the final scan; answers its status, headers and text. */
async function call(pathname: string, init: RequestInit = {}) {
  const response = await fetch(`${api.url}${pathname}`, init);
  const text = await response.text();
  answers.push(JSON.stringify([...response.headers]), text);
  return { status: response.status, headers: response.headers, text };
}

/** A request whose path goes out exactly as written (fetch would resolve `..` segments first). */
function rawGet(pathname: string, headers: Record<string, string>) {
  return new Promise<{ status: number; text: string }>((resolve, reject) => {
    const request = httpRequest(`${api.url}/`, { path: pathname, headers }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        text += chunk;
      });
      response.on('end', () => {
        answers.push(text);
        resolve({ status: response.statusCode ?? 0, text });
      });
    });
    request.on('error', reject);
    request.end();
  });
}

const bearer = { authorization: `Bearer ${TOKEN}` };
const jsonHeaders = { ...bearer, 'content-type': JSON_TYPE };

/** The answer is the API's JSON error with this status and code, and a message that says something. */
function expectError(
  answer: { status: number; headers: Headers; text: string },
  status: number,
  code?: string,
) {
  expect(answer.status, answer.text).toBe(status);
  expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
  const body = JSON.parse(answer.text) as { error: string; message: string };
  if (code) expect(body.error).toBe(code);
  expect(body.message.length).toBeGreaterThan(20);
  return body;
}

describe('the HTTP API, used by someone without the token', () => {
  it.each([
    ['no Authorization header', {}],
    ['a wrong bearer token', { authorization: 'Bearer not-the-token-at-all' }],
    ['the token with a suffix', { authorization: `Bearer ${TOKEN}x` }],
    ['a prefix of the token', { authorization: `Bearer ${TOKEN.slice(0, 12)}` }],
    ['Basic credentials', { authorization: `Basic ${Buffer.from(`user:${TOKEN}`).toString('base64')}` }],
    ['an empty bearer', { authorization: 'Bearer ' }],
    ['a forged session cookie', { cookie: 'tr_session=forged' }],
  ])('refuses %s with a 401 that says how to authenticate', async (_, headers) => {
    for (const [method, pathname] of [
      ['GET', '/v1/remedies/rem-aaaaaaaaaaaa'],
      ['POST', '/v1/remedies'],
      ['GET', '/metrics'],
      ['GET', '/remedies/rem-aaaaaaaaaaaa'],
    ] as const) {
      const answer = await call(pathname, {
        method,
        headers: { ...headers, 'content-type': JSON_TYPE },
        ...(method === 'POST' ? { body: JSON.stringify({ playlist: DEMO_ACCOUNT.playlistId }) } : {}),
      });
      const body = expectError(answer, 401);
      expect(body.message).toMatch(/Authorization: Bearer <token>/);
      expect(answer.headers.get('www-authenticate')).toMatch(/^Bearer realm="tidal-remedy"/);
    }
  });

  it('takes a token in the query only on the report page, never on the JSON API', async () => {
    expectError(await call(`/v1/remedies/rem-aaaaaaaaaaaa?token=${TOKEN}`), 401);
    expectError(await call('/remedies/rem-aaaaaaaaaaaa?token=wrong-token'), 401, 'invalid_token');
  });
});

describe('the HTTP API, sent bodies that are not remedy requests', () => {
  const post = (body: string | undefined, headers: Record<string, string> = jsonHeaders) =>
    call('/v1/remedies', { method: 'POST', headers, ...(body === undefined ? {} : { body }) });
  const valid = { playlist: DEMO_ACCOUNT.playlistId };

  it('refuses a body over 16 kB with 413, however big', async () => {
    const padded = JSON.stringify({ ...valid, padding: 'x'.repeat(17 * 1024) });
    expectError(await post(padded), 413, 'body_too_large');
    expectError(await post(`{"playlist":"${'a'.repeat(8 * 1024 * 1024)}"}`), 413, 'body_too_large');
  });

  it.each([
    ['no body', undefined, jsonHeaders, 400, 'missing_body'],
    ['malformed JSON', '{"playlist": ', jsonHeaders, 400, 'malformed_json'],
    [
      'text/plain',
      JSON.stringify(valid),
      { ...bearer, 'content-type': 'text/plain' },
      415,
      'unsupported_media_type',
    ],
    [
      'a form',
      `playlist=${DEMO_ACCOUNT.playlistId}`,
      { ...bearer, 'content-type': 'application/x-www-form-urlencoded' },
      415,
      'unsupported_media_type',
    ],
    // express reads only an object or an array as JSON: these two are "not valid JSON; send a JSON object".
    ['JSON null', 'null', jsonHeaders, 400, 'malformed_json'],
    ['a JSON array', JSON.stringify([valid]), jsonHeaders, 400, 'invalid_request'],
    ['a JSON string', JSON.stringify(DEMO_ACCOUNT.playlistId), jsonHeaders, 400, 'malformed_json'],
    ['playlist as a number', JSON.stringify({ playlist: 4 }), jsonHeaders, 400, 'invalid_request'],
    [
      'playlist as an array',
      JSON.stringify({ playlist: [DEMO_ACCOUNT.playlistId] }),
      jsonHeaders,
      400,
      'invalid_request',
    ],
    [
      'playlist as an operator object',
      JSON.stringify({ playlist: { $ne: null } }),
      jsonHeaders,
      400,
      'invalid_request',
    ],
    ['an unknown mode', JSON.stringify({ ...valid, mode: 'destroy' }), jsonHeaders, 400, 'invalid_request'],
    [
      'refresh as a string',
      JSON.stringify({ ...valid, refresh: 'yes' }),
      jsonHeaders,
      400,
      'invalid_request',
    ],
    [
      'a country that is not a code',
      JSON.stringify({ ...valid, countryCode: "US' OR 1=1" }),
      jsonHeaders,
      400,
      'invalid_request',
    ],
    ['an unknown field', JSON.stringify({ ...valid, admin: true }), jsonHeaders, 400, 'invalid_request'],
    [
      'a __proto__ field',
      `{"playlist":"${DEMO_ACCOUNT.playlistId}","__proto__":{"admin":true}}`,
      jsonHeaders,
      400,
      'invalid_request',
    ],
  ])('refuses %s with a 4xx naming the problem', async (_, body, headers, status, code) => {
    expectError(await post(body, headers), status, code);
  });

  it.each([
    ['SQL', "'; DROP TABLE remedies; --"],
    ['markup', '<script>alert(1)</script>'],
    ['a path', '../../../../etc/passwd'],
    ['an encoded path', '..%2F..%2Fetc%2Fpasswd'],
    ['an id with a path after it', '4b1c5e2a-7d3f-4e8a-9c6b-2f0d1e3a5b7c/../../admin'],
    ['a TIDAL URL with dot segments', 'https://tidal.com/browse/playlist/../../../etc/passwd'],
    [
      'a URL of another host',
      'https://evil.example.com/browse/playlist/4b1c5e2a-7d3f-4e8a-9c6b-2f0d1e3a5b7c',
    ],
    ['a javascript: URL', 'javascript:alert(1)//tidal.com/playlist/4b1c5e2a-7d3f-4e8a-9c6b-2f0d1e3a5b7c'],
    ['an id with a NUL', '4b1c5e2a-7d3f-4e8a-9c6b-2f0d1e3a5b7c\u0000'],
    ['a Redis key pattern', '{tidal-remedy}:remedy:*'],
    ['10,000 characters', 'x'.repeat(10_000)],
  ])('refuses %s as the playlist, naming the field, without echoing it', async (_, playlist) => {
    const answer = await post(JSON.stringify({ playlist }));
    const body = expectError(answer, 400, 'invalid_request');
    expect(body.message).toMatch(/^The remedy request is invalid: playlist: expected a TIDAL playlist id/);
    expect(answer.text).not.toContain(playlist);
  });
});

describe('remedy ids that try to reach a path or a key', () => {
  const ids = [
    ['an encoded path', '..%2F..%2F..%2Fetc%2Fpasswd'],
    ['an id with an encoded path', 'rem-%2E%2E%2F%2E%2E%2Fpackage.json'],
    ['an id with a NUL', 'rem-aaaaaaaa%00'],
    ['another key of the remedy', 'rem-aaaaaaaa:matched:0'],
    ['a key pattern', 'rem-*'],
    ['a full Redis key', '%7Btidal-remedy%7D:remedy:rem-aaaaaaaa'],
    ['markup', '%3Cscript%3Ealert(1)%3C%2Fscript%3E'],
    ['5,000 characters', `rem-${'a'.repeat(5_000)}`],
  ];

  it.each(ids)('answers %s with a JSON 404 on every route that takes an id', async (_, id) => {
    for (const [method, pathname] of [
      ['GET', `/v1/remedies/${id}`],
      ['POST', `/v1/remedies/${id}/retry`],
      ['GET', `/remedies/${id}`],
    ] as const) {
      const answer = await call(pathname, { method, headers: bearer });
      expectError(answer, 404, 'not_found');
      // JSON, never sniffed as HTML: an id quoted back in the message cannot run as markup.
      expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
      expect(answer.text).not.toMatch(/root:|"name": "tidal-remedy"/);
    }
  });

  it('leaves dot segments sent as they are to no file and no route', async () => {
    for (const pathname of [
      '/v1/remedies/../../../etc/passwd',
      '/remedies/../../package.json',
      '/v1/remedies/..%2f..%2f..%2fetc%2fpasswd',
      '/v1/remedies/%2e%2e/%2e%2e/package.json',
    ]) {
      const answer = await rawGet(pathname, bearer);
      expect(answer.status, pathname).toBe(404);
      expect(answer.text).not.toMatch(/root:|"name": "tidal-remedy"/);
    }
  });
});

describe('a playlist whose name and tracks carry markup, SQL, paths and control sequences', () => {
  it('is remedied like any other, keeps its name as it is, and shows it inert on the report page', async () => {
    const { id, report_url } = await api.accepted({ playlist: HOSTILE_PLAYLIST_ID, mode: 'new' });
    const record = await waitForRemedy(redis, prefix, id, 45_000);
    expect(record.error).toBeNull();
    expect(record.state).toBe('done');

    const { status } = await api.status(id);
    expect(status?.playlistName).toBe(HOSTILE_NAME);
    expect(status?.report?.counts).toMatchObject({ items: 11, unavailable: 6 });
    const hostileItem = status?.report?.items.find((item) => item.original.id === '990000002');
    expect(hostileItem?.original.title).toBe(HOSTILE_TRACK_TITLE);
    expect(hostileItem?.original.artists[0]?.name).toBe(HOSTILE_ARTIST);
    expect(playlistsNamed(emulator, `${HOSTILE_NAME} (remedied)`)).toHaveLength(1);

    const page = await call(new URL(report_url).pathname, { headers: bearer });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    // (Control characters are left as they are in HTML: a browser shows them as nothing.)
    for (const markup of ['<script', '<img src=x', '<svg', '<a href="javascript']) {
      expect(page.text).not.toContain(markup);
    }
    // The only images are album covers, each an http(s) URL the page checked.
    for (const image of page.text.match(/<img [^>]*>/g) ?? [])
      expect(image).toMatch(/^<img class="cover" src="https?:\/\//);
    expect(page.text).toContain('&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt;');
    expect(page.text).toContain('&lt;img src=x onerror=alert(1)&gt;');
  }, 60_000);

  it('the CLI prints it without passing terminal control sequences to the terminal', async () => {
    const cli = spawnTs('services/cli/src/main.ts', {}, [
      HOSTILE_PLAYLIST_ID,
      '--emulator',
      seedPath,
      '--mode',
      'dry-run',
    ]);
    others.push(cli);
    expect(await cli.exited).toBe(0);
    const output = cli.lines.join('\n');
    expect(output).toContain('<script>alert("pwned")</script>');
    // No ESC, BEL or other control character but the line ends: the name cannot clear or retitle the terminal.
    expect(output).not.toMatch(/(?!\n)\p{Cc}/u);
  }, 60_000);
});

describe('credentials files that are not credentials', () => {
  const cases = [
    ['a directory', 'creds-dir', null, /is a directory; expected a file/],
    ['empty', 'empty.json', '', /it is empty/],
    ['not JSON', 'not-json.json', `refresh_token=${FILE_SECRET}\n`, /is not valid JSON/],
    [
      'JSON of the wrong shape',
      'wrong.json',
      JSON.stringify({ client_id: 42, refresh_token: FILE_SECRET }),
      /field client_id/,
    ],
  ] as const;

  const makeFile = async (name: string, content: string | null) => {
    const file = path.join(dir, name);
    if (content === null) await mkdir(file, { recursive: true });
    else await writeFile(file, content);
    return file;
  };

  it.each(cases)(
    'the CLI given --creds %s exits 2, naming the file and the problem',
    async (_, name, content, problem) => {
      const file = await makeFile(`cli-${name}`, content);
      const cli = spawnTs('services/cli/src/main.ts', {}, [
        DEMO_ACCOUNT.playlistId,
        '--emulator',
        '--creds',
        file,
      ]);
      others.push(cli);
      expect(await cli.exited).toBe(2);
      const output = cli.lines.join('\n');
      expect(output).toContain(`Secret tidal-creds/json from file ${file} (explicit path) is invalid`);
      expect(output).toMatch(problem);
      expect(output).not.toContain(FILE_SECRET);
    },
    30_000,
  );

  it.each(cases)(
    'a worker given TIDAL_CREDS_PATH %s refuses to start, naming the file and the problem',
    async (_, name, content, problem) => {
      const file = await makeFile(`worker-${name}`, content);
      const worker = spawnTs('services/fetcher/src/main.ts', {
        ...workerEnv(emulator, prefix, { TIDAL_CREDS_PATH: file, LOG_LEVEL: 'debug' }),
      });
      others.push(worker);
      expect(await worker.exited).toBe(1);
      const output = worker.lines.join('\n');
      expect(output).toMatch(/"level":"fatal".*"msg":"failed to start"/);
      expect(output).toContain(`Secret tidal-creds/json from file ${file} (explicit path) is invalid`);
      expect(output).toMatch(problem);
      expect(output).not.toContain(FILE_SECRET);
    },
    30_000,
  );
});

describe('a job whose payload points a cache reference at a path', () => {
  it('fails at once, and so does its remedy, saying which field is wrong', async () => {
    const store = new RemedyStore(redis, prefix);
    const request = {
      playlist: DEMO_ACCOUNT.playlistId,
      mode: 'new',
      unmatched: 'keep',
      countryCode: 'US',
      refresh: false,
    } as const;
    const { record } = await store.create(request);
    await store.setState(record.id, 0, 'matching');
    const queues = new RemedyQueues({ connection: redis, prefix });
    const queue = queues.byStep.publish;
    // Added as no code of ours would: a payload the catalog refuses.
    await queue.add(
      'publish',
      {
        remedyId: record.id,
        run: 0,
        request,
        snapshotRef: '../../../../etc/passwd',
        fetch: { tidalCalls: {}, fetchCache: { hits: 0, misses: 1 }, matchCacheHits: 0, durationMs: 1 },
      },
      { ...JOBS.publish.options, jobId: jobIds.publish(record.id) },
    );
    const failed = await waitForRemedy(redis, prefix, record.id, 20_000);
    const job = await queue.getJob(jobIds.publish(record.id));
    await queues.close();
    expect(failed.state).toBe('failed');
    expect(failed.error?.step).toBe('publish');
    expect(failed.error?.message).toMatch(
      /^invalid publish job payload: snapshotRef: expected a cache reference/,
    );
    expect(await job?.getState()).toBe('failed');
    expect(job?.attemptsMade).toBe(1);
  }, 30_000);
});

describe('secrets', () => {
  it('appear in no answer of the API and in no output of any process', async () => {
    const issued = await redis.keys(`${prefix}:tidal:token:*`);
    const accessTokens = (await Promise.all(issued.map((key) => redis.get(key)))).map(
      (value) => (JSON.parse(value!) as { accessToken: string }).accessToken,
    );
    expect(accessTokens.length).toBeGreaterThan(0);
    const secrets = [
      TOKEN,
      HOSTILE_CLIENT.clientSecret,
      HOSTILE_CLIENT.refreshToken,
      DEMO_ACCOUNT.refreshToken,
      FILE_SECRET,
      ...accessTokens,
    ];
    const outputs = [fleet.output(), ...others.map((handle) => handle.lines.join('\n'))].join('\n');
    expect(outputs.length).toBeGreaterThan(10_000);
    expect(answers.length).toBeGreaterThan(100);
    for (const secret of secrets) {
      expect(outputs.includes(secret), `a secret (${secret.slice(0, 6)}…) in the process output`).toBe(false);
      expect(answers.join('\n').includes(secret), `a secret (${secret.slice(0, 6)}…) in an answer`).toBe(
        false,
      );
    }
  });
});
