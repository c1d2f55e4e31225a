import { connect, type Socket } from 'node:net';
import { startTestApi, TEST_TOKEN, type TestApi } from '@tidal-remedy/test-support/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi({
    serverLimits: {
      requestTimeoutMs: 1_000,
      headersTimeoutMs: 500,
      keepAliveTimeoutMs: 500,
      maxConnections: 3,
    },
  });
});
afterAll(async () => {
  await api?.close();
});

/** A raw connection to the API, and everything it received until the server closed it. */
async function open(): Promise<{ socket: Socket; closed: Promise<{ text: string; afterMs: number }> }> {
  const { port } = new URL(api.url);
  const socket = connect(Number(port), '127.0.0.1');
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  const started = performance.now();
  let text = '';
  socket.on('data', (chunk) => {
    text += chunk.toString();
  });
  socket.on('error', () => undefined);
  const closed = new Promise<{ text: string; afterMs: number }>((resolve) =>
    socket.once('close', () => resolve({ text, afterMs: performance.now() - started })),
  );
  return { socket, closed };
}

describe('the HTTP server holds no connection for a slow client', () => {
  it('answers 408 and closes when a body does not arrive within the request timeout', async () => {
    const { socket, closed } = await open();
    socket.write(
      `POST /v1/remedies HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${TEST_TOKEN}\r\n` +
        'Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{"pla',
    );
    const { text, afterMs } = await closed;
    expect(text).toMatch(/^HTTP\/1\.1 408/);
    // 1 s timeout, checked every 125 ms: not the five minutes of Node's default.
    expect(afterMs).toBeLessThan(3_000);
  });

  it('closes a connection that sends no headers within the headers timeout', async () => {
    const { socket, closed } = await open();
    socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\n');
    const { text, afterMs } = await closed;
    expect(text).toMatch(/^HTTP\/1\.1 408/);
    expect(afterMs).toBeLessThan(3_000);
  });

  it('closes connections past the cap as they come, and serves again once they go', async () => {
    const held = await Promise.all([open(), open(), open()]);
    const extra = await open();
    const { text } = await extra.closed;
    expect(text).toBe('');
    for (const { socket } of held) socket.destroy();
    await Promise.all(held.map(({ closed }) => closed));
    expect((await fetch(`${api.url}/healthz`)).status).toBe(200);
  });
});
