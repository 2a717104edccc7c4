/**
 * The metrics the auth module emits, named once: the handlers count them, the manifest declares them (with
 * what they mean and the alarms on them), and the dashboard and docs render from the manifest.
 */
export const AUTH_METRICS = {
  /** Expected refusals (no, bad or expired token; not a member; not a leader): graphed, never alarmed on. */
  authorizerRefusals: 'AuthorizerRefusals',
  /** The authorizer could not decide (e.g. the key store is unreachable): alarmed on. */
  authorizerFailures: 'AuthorizerFailures',
  /** Committed events that could not be published, by their request or by the drain (per event). */
  outboxPublishFailed: 'OutboxPublishFailed',
  /** Events the drain republished because their request had not (per event). */
  outboxRepublished: 'OutboxRepublished',
} as const;
