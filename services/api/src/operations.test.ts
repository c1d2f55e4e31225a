import { RedisPipelineMetrics } from '@tidal-remedy/metrics';
import { QUEUE_NAMES } from '@tidal-remedy/queue';
import { startTestApi, type TestApi } from '@tidal-remedy/test-support/api';
import { PLAYLIST_ID } from '@tidal-remedy/test-support/remedy-fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let api: TestApi;
let remedyId: string;
beforeAll(async () => {
  api = await startTestApi();
  const response = await fetch(`${api.url}/v1/remedies`, {
    method: 'POST',
    headers: { ...api.auth, 'content-type': 'application/json' },
    body: JSON.stringify({ playlist: PLAYLIST_ID }),
  });
  remedyId = ((await response.json()) as { id: string }).id;
});
afterAll(async () => {
  await api?.close();
});

describe('probes', () => {
  it('answers /healthz and /readyz while Redis is up', async () => {
    const health = await fetch(`${api.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${api.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
  });
});

describe('GET /metrics', () => {
  it('exports queue depths and what the workers recorded, in Prometheus text format', async () => {
    const recorded = new RedisPipelineMetrics(api.admin, api.prefix);
    recorded.jobOutcome(QUEUE_NAMES.fetch, 'completed');
    recorded.cacheLookup('match', false);
    recorded.tidalRequest('GET /playlists/{id}', '200');
    recorded.stepDuration('fetch', 0.3);
    await recorded.close();

    const response = await fetch(`${api.url}/metrics`, { headers: api.auth });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const text = await response.text();
    expect(text).toContain('tidal_remedy_queue_jobs{queue="remedy-fetch",state="waiting"} 1');
    expect(text).toContain('tidal_remedy_queue_jobs{queue="remedy-match",state="waiting"} 0');
    expect(text).toContain('tidal_remedy_queue_jobs{queue="remedy-publish",state="failed"} 0');
    expect(text).toContain('tidal_remedy_jobs_total{queue="remedy-fetch",outcome="completed"} 1');
    expect(text).toContain('tidal_remedy_cache_lookups_total{step="match",result="miss"} 1');
    expect(text).toContain(
      'tidal_remedy_tidal_requests_total{endpoint="GET /playlists/{id}",status="200"} 1',
    );
    expect(text).toContain('tidal_remedy_step_duration_seconds_count{step="fetch"} 1');
    expect(text).toContain('tidal_remedy_api_process_cpu_seconds_total');
  });
});

describe('/admin/queues', () => {
  it('serves the queue board page', async () => {
    const response = await fetch(`${api.url}/admin/queues`, { headers: api.auth });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const text = await response.text();
    expect(text).toContain('<base href="/admin/queues/"');
    expect(text).toContain('<title>tidal-remedy</title>');
  });

  it('may not be framed, and is read-only: a write is refused before bull-board sees it', async () => {
    const page = await fetch(`${api.url}/admin/queues`, { headers: api.auth });
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    const queues = (await (
      await fetch(`${api.url}/admin/queues/api/queues`, { headers: api.auth })
    ).json()) as { queues: Array<{ readOnlyMode: boolean }> };
    expect(queues.queues.every((queue) => queue.readOnlyMode)).toBe(true);
    for (const [method, path] of [
      ['PUT', `/admin/queues/api/queues/${QUEUE_NAMES.fetch}/pause`],
      ['PUT', '/admin/queues/api/queues/pause'],
      ['POST', `/admin/queues/api/queues/${QUEUE_NAMES.fetch}/add`],
      ['PUT', `/admin/queues/api/queues/${QUEUE_NAMES.fetch}/clean/waiting`],
      ['PATCH', `/admin/queues/api/queues/${QUEUE_NAMES.fetch}/${remedyId}/update-data`],
      ['PUT', `/admin/queues/api/queues/${QUEUE_NAMES.fetch}/${remedyId}/remove`],
    ] as const) {
      const response = await fetch(`${api.url}${path}`, {
        method,
        headers: { ...api.auth, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'x', data: {} }),
      });
      expect(response.status, `${method} ${path}`).toBe(403);
      expect(((await response.json()) as { message: string }).message).toContain('QUEUE_BOARD_WRITABLE');
    }
    expect(await api.queues.fetch.isPaused()).toBe(false);
    expect(await api.queues.fetch.getJob(remedyId)).toBeDefined();
  });

  it('is writable when the operator says so (QUEUE_BOARD_WRITABLE)', async () => {
    const writable = await startTestApi({ queueBoardWritable: true });
    try {
      const pause = await fetch(`${writable.url}/admin/queues/api/queues/${QUEUE_NAMES.fetch}/pause`, {
        method: 'PUT',
        headers: writable.auth,
      });
      expect(pause.status).toBe(200);
      expect(await writable.queues.fetch.isPaused()).toBe(true);
    } finally {
      await writable.close();
    }
  });

  it('lists the three queues and the waiting fetch job through bull-board’s API (BullMQ 6)', async () => {
    const response = await fetch(
      `${api.url}/admin/queues/api/queues?activeQueue=${QUEUE_NAMES.fetch}&status=waiting&page=1`,
      {
        headers: api.auth,
      },
    );
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      queues: Array<{
        name: string;
        counts: Record<string, number>;
        jobs: Array<{ id: string; data: unknown }>;
      }>;
    };
    expect(body.queues.map((queue) => queue.name).sort()).toEqual(Object.values(QUEUE_NAMES).sort());
    const fetchQueue = body.queues.find((queue) => queue.name === QUEUE_NAMES.fetch)!;
    expect(fetchQueue.counts.waiting).toBe(1);
    expect(fetchQueue.jobs.map((job) => job.id)).toEqual([remedyId]);
  });

  it('shows a job and Redis’s figures', async () => {
    const job = await fetch(`${api.url}/admin/queues/api/queues/${QUEUE_NAMES.fetch}/${remedyId}`, {
      headers: api.auth,
    });
    expect(job.status).toBe(200);
    expect(((await job.json()) as { job: { id: string } }).job.id).toBe(remedyId);
    const stats = await fetch(`${api.url}/admin/queues/api/redis/stats`, { headers: api.auth });
    expect(stats.status).toBe(200);
    expect(((await stats.json()) as { backend: string }).backend).toBe('redis');
  });
});
