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

/**
 * What the kit's transactional outbox counts (per event, in the module's name). A module with `outbox: true`
 * gets them declared, and an alarm on failures, by the platform model.
 */
export const OUTBOX_METRICS = {
  /** Committed events that could not be published, by their request or by the drain. */
  publishFailed: 'OutboxPublishFailed',
  /** Events the drain published because their request could not. */
  republished: 'OutboxRepublished',
} as const;

/** What the kit's authorizer adapter counts, in the name of the module that provides the authorizer. */
export const AUTHORIZER_METRICS = {
  /** Expected refusals (no, bad or expired token; not a member; not a leader): graphed, never alarmed on. */
  refusals: 'AuthorizerRefusals',
  /** The authorizer could not decide (e.g. the key store is unreachable). */
  failures: 'AuthorizerFailures',
} as const;
