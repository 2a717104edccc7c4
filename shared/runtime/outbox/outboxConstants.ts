import { OUTBOX_METRICS } from '../../contracts/platformMetrics.ts';

/** An outbox event still unpublished after this long is dropped by the table's TTL (and was alarmed on). */
export const OUTBOX_RETENTION_SECONDS = 7 * 24 * 60 * 60;

/** The drain republishes outbox events older than this: younger ones are still being published by their request. */
export const OUTBOX_DRAIN_AFTER_MS = 30_000;

/** At most this many outbox events are republished per drain run (it runs every minute). */
export const OUTBOX_DRAIN_BATCH = 100;

/** Metric counted (per event) when a committed event could not be published right away; the drain retries. */
export const OUTBOX_PUBLISH_FAILED_METRIC = OUTBOX_METRICS.publishFailed;

/** Metric counted (per event) when the drain republished an event its request had not published. */
export const OUTBOX_REPUBLISHED_METRIC = OUTBOX_METRICS.republished;
