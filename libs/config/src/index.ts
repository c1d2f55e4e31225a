export {
  flag,
  type HostPort,
  hostPortList,
  hostPortMap,
  httpUrl,
  nonNegativeNumber,
  port,
  positiveInt,
  positiveNumber,
} from './fields.js';
export { ConfigError, describeEnv, type EnvVarDoc, loadConfig } from './load.js';
export * from './schemas.js';
export { API_TOKEN_SECRET, METRICS_SCRAPE_SECRET, TIDAL_CREDS_SECRET } from './secret-refs.js';
