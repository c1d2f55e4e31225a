import { sampleReport, sampleReportItems } from '@tidal-remedy/test-support/remedy-fixtures';
import { describe, expect, it } from 'vitest';
import { formatReport } from './format-report.js';

describe('formatReport', () => {
  it('says which decisions need attention, and how many', () => {
    const [first, second, third] = sampleReportItems();
    const note = 'An explicit release replaces a clean original (the remedy allows it: explicit allow).';
    const report = sampleReport({ items: [first!, { ...second!, attention: [note] }, third!] });
    const text = formatReport(
      { ...report, counts: { ...report.counts, needsAttention: 1 } },
      { columns: 200 },
    );
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

  it('fits every line in the terminal’s width, even at 80 columns, without cutting links', () => {
    const [first, second, third] = sampleReportItems();
    const long =
      'A reason long enough that it has to be wrapped over more than one line of the terminal, word by word.';
    const report = sampleReport({ items: [first!, { ...second!, reasons: [long] }, third!] });
    for (const columns of [80, 120]) {
      const text = formatReport(report, { columns });
      for (const line of text.split('\n')) expect(line.length, line).toBeLessThanOrEqual(columns);
      expect(text).toContain('https://tidal.com/browse/playlist/7e0c5e2a-7d3f-4e8a-9c6b-2f0d1e3a5b7c');
      expect(text.replace(/\s+/g, ' ')).toContain(long);
    }
  });

  it('--summary prints the counts and the rows that change the playlist; --quiet only the result line', () => {
    const report = sampleReport();
    const summary = formatReport(report, { detail: 'summary' });
    const changed = report.items.filter((item) => item.replacement !== null);
    expect(changed.length).toBeLessThan(report.items.length);
    const rows = summary.split('\n').filter((line) => /^\s{0,3}\d+ {2}/.test(line));
    expect(rows.map((line) => Number(line.trim().split(' ')[0]))).toEqual(
      changed.map((item) => item.position + 1),
    );
    expect(summary).not.toContain(report.items[0]!.reasons[0]!);
    expect(summary).not.toContain('Cache hits');
    expect(formatReport(report, { detail: 'quiet' })).toBe(
      'Published: https://tidal.com/browse/playlist/7e0c5e2a-7d3f-4e8a-9c6b-2f0d1e3a5b7c\n',
    );
  });
});
