import { describe, expect, it } from 'vitest';
import { RemedyRequestSchema, ResolvedRemedyRequestSchema } from './request.js';
import { WatchRequestSchema } from './watch.js';

const PLAYLIST = '4b1c5e2a-7d3f-4e8a-9c6b-2f0d1e3a5b7c';

describe('the explicit policy of a request', () => {
  it('takes strict or allow, on a remedy and on a watch, and keeps it when resolved', () => {
    const remedy = RemedyRequestSchema.parse({ playlist: PLAYLIST, explicit: 'allow' });
    expect(remedy.explicit).toBe('allow');
    expect(ResolvedRemedyRequestSchema.parse(remedy).explicit).toBe('allow');
    const watch = WatchRequestSchema.parse({
      playlist: PLAYLIST,
      mode: 'dry-run',
      schedule: { every: 60 },
      explicit: 'strict',
    });
    expect(watch.explicit).toBe('strict');
  });

  it('leaves it absent when not given, which means strict (as requests stored before it read)', () => {
    expect(RemedyRequestSchema.parse({ playlist: PLAYLIST }).explicit).toBeUndefined();
  });

  it('refuses anything else, naming the values', () => {
    const result = RemedyRequestSchema.safeParse({ playlist: PLAYLIST, explicit: 'yes' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({ path: ['explicit'] });
    expect(result.error?.issues[0]?.message).toContain('"strict"|"allow"');
  });
});
