export { createMetricsRegistry } from './metrics-registry.js';
export {
  type JobOutcome,
  metricField,
  metricsKey,
  noMetrics,
  type PipelineMetrics,
  parseMetricField,
  RedisPipelineMetrics,
  STEP_DURATION_BUCKETS,
} from './pipeline-metrics.js';
