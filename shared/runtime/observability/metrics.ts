import { Metrics } from '@aws-lambda-powertools/metrics';
import { METRICS_NAMESPACE, moduleMetricDimensions } from '../../contracts/platformMetrics.ts';

export { METRICS_NAMESPACE };

const registry = new Map<string, Metrics>();

/**
 * The module's Powertools metrics (namespace `SOLEil`, dimension `module`), flushed as EMF by the kit at the
 * end of each invocation. One instance per module and container so every metric of an invocation is flushed.
 *
 * @example
 * ```ts
 * createMetrics('drive').addMetric('FilesScanned', MetricUnit.Count, files.length);
 * ```
 */
export const createMetrics = (module: string): Metrics => {
  let metrics = registry.get(module);
  if (!metrics) {
    const { service, ...defaultDimensions } = moduleMetricDimensions(module);
    metrics = new Metrics({ namespace: METRICS_NAMESPACE, serviceName: service, defaultDimensions });
    registry.set(module, metrics);
  }
  return metrics;
};
