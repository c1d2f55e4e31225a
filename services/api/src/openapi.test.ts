import { startTestApi, type TestApi } from '@tidal-remedy/test-support/api';
import { OpenApiCheck } from '@tidal-remedy/test-support/openapi-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPENAPI_DOCUMENT } from './openapi.js';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api?.close();
});

describe('GET /openapi.json', () => {
  it('serves the API’s OpenAPI 3.1 description to anyone, no token needed', async () => {
    const response = await fetch(`${api.url}/openapi.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const document = (await response.json()) as typeof OPENAPI_DOCUMENT;
    expect(document.openapi).toBe('3.1.0');
    expect(document).toEqual(JSON.parse(JSON.stringify(OPENAPI_DOCUMENT)));
  });

  it('is a sound OpenAPI 3.1 document, whose schemas all compile', () => {
    expect(new OpenApiCheck(OPENAPI_DOCUMENT).documentProblems()).toEqual([]);
  });

  it('describes every route the API names when it answers 404', async () => {
    const response = await fetch(`${api.url}/v2/nothing`, { headers: api.auth });
    const { message } = (await response.json()) as { message: string };
    const named = /Routes: (.*)\.$/.exec(message)?.[1]?.split(', ') ?? [];
    expect(named.length).toBeGreaterThan(10);
    for (const route of named) {
      const [method, path] = route.includes(' ') ? route.split(' ') : ['GET', route];
      const template = path!.replace(/:(\w+)/g, '{$1}') as keyof typeof OPENAPI_DOCUMENT.paths;
      expect(OPENAPI_DOCUMENT.paths[template], route).toHaveProperty(method!.toLowerCase());
    }
  });

  it('leaves no field undescribed: no schema takes anything but an error’s details', () => {
    const open: string[] = [];
    const walk = (value: unknown, at: string) => {
      if (value === null || typeof value !== 'object') return;
      if (!Array.isArray(value) && Object.keys(value).length === 0) open.push(at);
      for (const [key, inner] of Object.entries(value)) walk(inner, `${at}/${key}`);
    };
    walk(OPENAPI_DOCUMENT.components.schemas, '#/components/schemas');
    expect(open).toEqual(['#/components/schemas/ApiError/properties/details']);
  });
});
