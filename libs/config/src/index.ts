export { flag, httpUrl, nonNegativeNumber, port, positiveInt } from './fields.js';
export { ConfigError, describeEnv, type EnvVarDoc, loadConfig } from './load.js';
export * from './schemas.js';
