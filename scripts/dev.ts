// `pnpm dev`: mode 2 in one terminal. Starts the TIDAL emulator, the API and the three workers as separate
// processes over a local Redis, with the emulator's demo credentials, and prints their logs compactly.
import { type ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { DEMO_ACCOUNT, seedCredentials } from '@tidal-remedy/tidal-emulator';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const API_PORT = process.env.PORT ?? '8080';
const EMULATOR_PORT = process.env.EMULATOR_PORT ?? '8090';
const API_TOKEN = process.env.DEV_API_TOKEN ?? 'dev-token';
const emulatorUrl = `http://127.0.0.1:${EMULATOR_PORT}`;

const shared = {
  PATH: process.env.PATH,
  HOME: process.env.HOME,
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
  REDIS_URL,
  REDIS_PREFIX: process.env.REDIS_PREFIX ?? '{tidal-remedy-dev}',
  TIDAL_API_URL: `${emulatorUrl}/v2`,
  TIDAL_AUTH_URL: `${emulatorUrl}/v1/oauth2/token`,
  _UNION_TIDAL_CREDS_JSON: JSON.stringify(seedCredentials(DEMO_ACCOUNT)),
  _UNION_REMEDY_API_TOKEN: API_TOKEN,
  HEALTH_PORT: '0',
};

const services: Array<{ name: string; entry: string; env: Record<string, string | undefined> }> = [
  { name: 'emulator', entry: 'services/tidal-emulator/src/main.ts', env: { PORT: EMULATOR_PORT } },
  { name: 'api', entry: 'services/api/src/main.ts', env: { PORT: API_PORT } },
  { name: 'fetcher', entry: 'services/fetcher/src/main.ts', env: {} },
  { name: 'matcher', entry: 'services/matcher/src/main.ts', env: {} },
  { name: 'publisher', entry: 'services/publisher/src/main.ts', env: {} },
];

/** One pino JSON line as `12:03:04 INFO  api  message key=value`, or the line as it is. */
function compact(line: string): string {
  try {
    const { time, level, name: _name, msg, pid: _pid, hostname: _host, ...rest } = JSON.parse(line);
    const when = typeof time === 'string' ? time.slice(11, 19) : '';
    const label = typeof level === 'number' ? String(level) : String(level ?? '').toUpperCase();
    const fields = Object.entries(rest)
      .filter(([key]) => key !== 'config')
      .map(([key, value]) => `${key}=${typeof value === 'object' ? JSON.stringify(value) : value}`)
      .join(' ');
    return `${when} ${label.padEnd(5)} ${msg ?? ''} ${fields}`.trimEnd();
  } catch {
    return line;
  }
}

function redisAnswers(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect(Number(port || 6379), hostname);
    socket.setTimeout(1000, () => resolve(false));
    socket.on('error', () => resolve(false));
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (data) => {
      resolve(String(data).includes('PONG'));
      socket.end();
    });
  });
}

if (!(await redisAnswers(REDIS_URL))) {
  console.error(
    `No Redis answers at ${REDIS_URL}. Start one (redis-server --save '' --appendonly no) or set REDIS_URL.`,
  );
  process.exit(1);
}

const children: ChildProcess[] = [];
const width = Math.max(...services.map((service) => service.name.length));
for (const service of services) {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, service.entry)], {
    cwd: ROOT,
    env: { ...shared, ...service.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  const tag = `[${service.name.padEnd(width)}]`;
  for (const stream of [child.stdout, child.stderr]) {
    if (stream)
      createInterface({ input: stream }).on('line', (line) =>
        process.stdout.write(`${tag} ${compact(line)}\n`),
      );
  }
  child.on('exit', (code, signal) => process.stdout.write(`${tag} exited (${code ?? signal})\n`));
}

process.stdout.write(
  `\ntidal-remedy (mode 2): API http://127.0.0.1:${API_PORT}, emulator ${emulatorUrl}, Redis ${REDIS_URL}\n` +
    `Try:\n  curl -s -X POST http://127.0.0.1:${API_PORT}/v1/remedies -H 'Authorization: Bearer ${API_TOKEN}' \\\n` +
    `    -H 'Content-Type: application/json' -d '{"playlist":"${DEMO_ACCOUNT.playlistId}"}'\n` +
    `  then open http://127.0.0.1:${API_PORT}/remedies/<id>?token=${API_TOKEN}\nCtrl-C stops everything.\n\n`,
);

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  for (const child of children) child.kill('SIGTERM');
  Promise.all(children.map((child) => new Promise((resolve) => child.once('exit', resolve)))).then(() =>
    process.exit(0),
  );
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
