export { type CreateLoggerOptions, createLogger, type Logger } from './logger.js';
export { isSecretKey, REDACTED, redactDeep, redactText, SECRET_KEY } from './redact.js';
export {
  compactError,
  type RepeatLimitedLog,
  type RepeatLimitedLogOptions,
  repeatLimitedLog,
} from './repeat-limited-log.js';
