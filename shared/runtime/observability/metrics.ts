import { Metrics } from '@aws-lambda-powertools/metrics';

/** CloudWatch namespace of every platform metric. */
export const METRICS_NAMESPACE = 'SOLEil';

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
    metrics = new Metrics({
      namespace: METRICS_NAMESPACE,
      serviceName: module,
      defaultDimensions: { module },
    });
    registry.set(module, metrics);
  }
  return metrics;
};
