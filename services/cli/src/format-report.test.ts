import { sampleReport, sampleReportItems } from '@tidal-remedy/test-support/remedy-fixtures';
import { describe, expect, it } from 'vitest';
import { formatReport } from './format-report.js';

describe('formatReport', () => {
  it('says which decisions need attention, and how many', () => {
    const [first, second, third] = sampleReportItems();
    const note = 'An explicit release replaces a clean original (the remedy allows it: explicit allow).';
    const report = sampleReport({ items: [first!, { ...second!, attention: [note] }, third!] });
    const text = formatReport({ ...report, counts: { ...report.counts, needsAttention: 1 } });
    expect(text).toContain('without a good replacement (kept); 1 needs attention');
    const lines = text.split('\n');
    const flagged = lines.findIndex((line) => line.includes(`! needs attention: ${note}`));
    expect(flagged).toBeGreaterThan(0);
    expect(lines[flagged + 1]).toBe(`      ${second!.reasons[0]}`);
    expect(text.match(/needs attention:/g)).toHaveLength(1);
  });

  it('links the published playlist on tidal.com only when it is there', () => {
    const onTidal = formatReport(sampleReport());
    expect(onTidal).toContain(
      'Published: https://tidal.com/browse/playlist/7e0c5e2a-7d3f-4e8a-9c6b-2f0d1e3a5b7c',
    );
    const emulated = formatReport(
      sampleReport({ published: { playlistId: 'pl-emulated', url: null, reused: false } }),
    );
    expect(emulated).toContain(
      'Published: playlist pl-emulated (not on TIDAL: the remedy ran against another API)',
    );
    expect(emulated).not.toContain('tidal.com');
  });
});
