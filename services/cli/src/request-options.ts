/** The options a remedy and a watch (`pnpm remedy watch add`) both take. */
export const REQUEST_OPTIONS = {
  mode: { type: 'string' },
  unmatched: { type: 'string' },
  explicit: { type: 'string' },
  country: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;
