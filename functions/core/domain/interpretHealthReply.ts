import * as z from 'zod';
import type { HealthReport } from '../../../shared/runtime/catalog/CatalogItems.ts';
import { HEALTH_SLOW_MS } from './healthPolicy.ts';

/** What a module's health function answers (the handler kit's `healthHandler`). */
const HealthReply = z.object({
  status: z.enum(['ok', 'degraded', 'down']),
  detail: z.string().nullable().optional(),
});

export type ProbeOutcome =
  | { readonly kind: 'replied'; readonly payload: unknown; readonly latencyMs: number }
  | { readonly kind: 'failed'; readonly error: string; readonly latencyMs: number };

/**
 * An ok reply that took longer than the slow threshold. The first call after idle may include a cold start, so
 * the poller asks such a module once more before calling it degraded.
 */
export const isSlowSuccess = (outcome: ProbeOutcome): boolean =>
  outcome.kind === 'replied' &&
  outcome.latencyMs > HEALTH_SLOW_MS &&
  HealthReply.safeParse(outcome.payload).data?.status === 'ok';

/**
 * Turns a probe of a health function into the health to record; an odd reply is a down module, not a crash.
 * For a starting module (no recent check) a down answer is recorded `unknown`: a module still starting is not
 * known to be down, and the next poll, which no longer counts it as starting, confirms or clears it.
 */
export const interpretHealthReply = (
  outcome: ProbeOutcome,
  checkedAt: Date,
  options: { readonly starting?: boolean } = {},
): HealthReport => {
  const report = interpret(outcome, checkedAt);
  if (!options.starting || report.status !== 'down') return report;
  const detail = `starting, not confirmed yet: ${report.detail ?? 'down'}`.slice(0, 1000);
  return { ...report, status: 'unknown', detail };
};

const interpret = (outcome: ProbeOutcome, checkedAt: Date): HealthReport => {
  const base = { checkedAt: checkedAt.toISOString(), latencyMs: Math.round(outcome.latencyMs) };
  if (outcome.kind === 'failed') return { ...base, status: 'down', detail: outcome.error.slice(0, 1000) };
  const reply = HealthReply.safeParse(outcome.payload);
  if (!reply.success) return { ...base, status: 'down', detail: 'health check returned an unexpected reply' };
  const { status, detail } = reply.data;
  if (status === 'ok' && outcome.latencyMs > HEALTH_SLOW_MS) {
    return { ...base, status: 'degraded', detail: `health check took ${Math.round(outcome.latencyMs)} ms` };
  }
  return { ...base, status, detail: detail?.slice(0, 1000) ?? null };
};
