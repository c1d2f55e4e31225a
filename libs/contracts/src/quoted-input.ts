/** The most of a client's input an error message repeats. */
export const QUOTED_INPUT_MAX = 80;

/**
 * A client's input (an id, a path) as an error message quotes it: JSON-quoted, and cut to QUOTED_INPUT_MAX
 * characters with its length said, so a 5,000-character id is not sent back whole.
 */
export function quotedInput(value: string, max = QUOTED_INPUT_MAX): string {
  if (value.length <= max) return JSON.stringify(value);
  return `${JSON.stringify(value.slice(0, max))}… (${value.length} characters)`;
}
