/** CloudWatch namespace of every platform and module metric. */
export const METRICS_NAMESPACE = 'SOLEil';

/**
 * The dimensions a module's metrics carry: Powertools adds `service` (the module, as its service name) and the
 * kit adds `module`. An alarm or a dashboard finds a module's metric only with exactly these.
 */
export const moduleMetricDimensions = (module: string): Readonly<Record<'service' | 'module', string>> => ({
  service: module,
  module,
});
