/** A command line a person must fix; the message says what is wrong. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
