import { type EmulatorHandle, type EmulatorOptions, startEmulator } from '@tidal-remedy/tidal-emulator';
import { FIXTURE, fixtureSeed } from './emulator-fixture.js';

export const JSON_API = 'application/vnd.api+json';

export async function startFixture(options: Partial<EmulatorOptions> = {}): Promise<EmulatorHandle> {
  return startEmulator({ seed: fixtureSeed(), ...options });
}

/** Asks the emulator's token endpoint for a token, as TIDAL's SDKs do (form body). */
export async function token(emulator: EmulatorHandle, form: Record<string, string>) {
  const response = await fetch(emulator.authUrl, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

export async function userToken(emulator: EmulatorHandle): Promise<string> {
  const { body } = await token(emulator, {
    grant_type: 'refresh_token',
    client_id: FIXTURE.userClient.clientId,
    refresh_token: FIXTURE.userClient.refreshToken,
  });
  return body.access_token as string;
}

export async function catalogToken(emulator: EmulatorHandle): Promise<string> {
  const { body } = await token(emulator, {
    grant_type: 'client_credentials',
    client_id: FIXTURE.catalogClient.clientId,
    client_secret: FIXTURE.catalogClient.clientSecret,
  });
  return body.access_token as string;
}

// biome-ignore lint/suspicious/noExplicitAny: test documents are inspected freely.
export type Json = any;

/** Calls the emulated API; `path` is relative to the API base (`/tracks?…`). */
export async function api(
  emulator: EmulatorHandle,
  accessToken: string | null,
  path: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<{ status: number; headers: Headers; body: Json }> {
  const headers: Record<string, string> = { Accept: JSON_API, ...init.headers };
  if (accessToken !== null) headers.Authorization = `Bearer ${accessToken}`;
  if (init.body !== undefined) headers['Content-Type'] ??= JSON_API;
  const response = await fetch(`${emulator.url}${path}`, {
    method: init.method ?? 'GET',
    headers,
    ...(init.body === undefined
      ? {}
      : { body: typeof init.body === 'string' ? init.body : JSON.stringify(init.body) }),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
}

/** The emulator's test-only approval of an authorize URL as `username`: where TIDAL would redirect to. */
export async function approveLogin(
  emulator: { origin: string },
  authorizeUrl: string,
  username: string,
  decision: 'allow' | 'deny' = 'allow',
): Promise<string> {
  const response = await fetch(`${emulator.origin}/__emulator/authorize`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ url: authorizeUrl, username, decision }),
  });
  const body = (await response.json()) as { location?: string };
  if (!body.location) throw new Error(`the emulator refused the authorization: ${JSON.stringify(body)}`);
  return body.location;
}
