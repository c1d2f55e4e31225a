import { describe, expect, it } from 'vitest';
import { terminalSafe } from './terminal-text.js';

describe('terminalSafe', () => {
  it('replaces escape sequences, bells and C1 controls, keeping text, tabs and newlines', () => {
    expect(terminalSafe('Road \u001b[2JTrip\u0007\u009b31m\tx\ny – ü <b>')).toBe(
      'Road \uFFFD[2JTrip\uFFFD\uFFFD31m\tx\ny – ü <b>',
    );
  });
});
