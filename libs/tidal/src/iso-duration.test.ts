import { describe, expect, it } from 'vitest';
import { parseIsoDuration } from './iso-duration.js';

describe('parseIsoDuration', () => {
  it.each([
    ['PT3M25S', 205_000],
    ['PT2M58S', 178_000],
    ['PT1H2M3S', 3_723_000],
    ['PT45M', 2_700_000],
    ['PT0S', 0],
    ['PT3.5S', 3_500],
    ['P1DT1S', 86_401_000],
  ])('%s is %i ms', (text, ms) => {
    expect(parseIsoDuration(text)).toBe(ms);
  });

  it.each(['205', '3:25', 'P', 'PT', 'PT3X', ''])('%j is not a duration', (text) => {
    expect(parseIsoDuration(text)).toBeNull();
  });
});
