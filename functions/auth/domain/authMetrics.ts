import { AUTHORIZER_METRICS } from '../../../shared/contracts/platformMetrics.ts';

/**
 * The metrics the auth module declares, named once: the kit's authorizer counts them, the manifest declares
 * them (with what they mean and the alarm on failures), and the dashboard and docs render from the manifest.
 * Its outbox's metrics (and their alarm) come with `outbox: true`.
 */
export const AUTH_METRICS = {
  /** Expected refusals (no, bad or expired token; not a member; not a leader): graphed, never alarmed on. */
  authorizerRefusals: AUTHORIZER_METRICS.refusals,
  /** The authorizer could not decide (e.g. the key store is unreachable): alarmed on. */
  authorizerFailures: AUTHORIZER_METRICS.failures,
} as const;
