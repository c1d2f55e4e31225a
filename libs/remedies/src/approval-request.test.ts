import { sampleReport, sampleReportItems } from '@tidal-remedy/test-support/remedy-fixtures';
import { describe, expect, it } from 'vitest';
import { approvalRequestSchemaFor, candidatesOf } from './approval-request.js';

const proposed = sampleReport({ mode: 'review', published: null });
const items = sampleReportItems();
const schema = approvalRequestSchemaFor(proposed);

function issuesOf(body: unknown): Array<{ path: string; message: string }> {
  const result = schema.safeParse(body);
  return result.success
    ? []
    : result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
}

describe('approvalRequestSchemaFor', () => {
  it('takes an empty body: publish as proposed, as a new playlist', () => {
    expect(schema.parse({})).toEqual({ mode: 'new', overrides: [] });
  });

  it('takes accept, reject and a pick of a runner-up or of the proposed replacement', () => {
    const body = {
      mode: 'in-place',
      overrides: [
        { position: 1, action: 'accept' },
        { position: 4, action: 'pick', trackId: '3006' },
        { position: 7, action: 'pick', trackId: '3008' },
      ],
    };
    expect(schema.parse(body)).toEqual(body);
    expect(schema.safeParse({ overrides: [{ position: 4, action: 'pick', trackId: '2005' }] }).success).toBe(
      true,
    );
    expect(schema.safeParse({ overrides: [{ position: 4, action: 'reject' }] }).success).toBe(true);
  });

  it.each([
    [
      { overrides: [{ position: 2, action: 'reject' }] },
      'overrides.0.position',
      /position 2 is not an unavailable item/,
    ],
    [
      { overrides: [{ position: 4, action: 'pick', trackId: '9999' }] },
      'overrides.0.trackId',
      /pick one of 2005, 3005, 3006/,
    ],
    [
      { overrides: [{ position: 1, action: 'pick', trackId: '3005' }] },
      'overrides.0.trackId',
      /not a candidate for position 1/,
    ],
    [{ overrides: [{ position: 4, action: 'pick' }] }, 'overrides.0.trackId', /give trackId/],
    [
      { overrides: [{ position: 4, action: 'reject', trackId: '3005' }] },
      'overrides.0.trackId',
      /with action pick only/,
    ],
    [
      {
        overrides: [
          { position: 4, action: 'reject' },
          { position: 4, action: 'accept' },
        ],
      },
      'overrides.1.position',
      /overridden twice/,
    ],
    [{ overrides: [{ position: 4, action: 'swap' }] }, 'overrides.0.action', /./],
    [{ overrides: [{ position: -1, action: 'reject' }] }, 'overrides.0.position', /./],
    [{ mode: 'dry-run' }, 'mode', /./],
    [{ mode: 'new', extra: true }, '', /extra/],
  ])('refuses %j at %s', (body, path, message) => {
    const issues = issuesOf(body);
    expect(issues).toContainEqual({ path, message: expect.stringMatching(message) });
  });
});

describe('candidatesOf', () => {
  it('lists the proposed replacement, then the runners-up', () => {
    expect(items.map((item) => candidatesOf(item).map((track) => track.id))).toEqual([
      ['2002'],
      ['2005', '3005', '3006'],
      ['3008'],
    ]);
  });
});
