export { boot } from './boot.js';
export { type HealthServer, type ReadinessCheck, startHealthServer } from './health-server.js';
export { type RunningService, type RunServiceOptions, runService } from './run-service.js';
