import type { Logger } from '@aws-lambda-powertools/logger';
import type { Context } from 'aws-lambda';
import type { ModuleHealthStatus } from '../../contracts/events/systemEvents.ts';
import { createLogger } from '../observability/logger.ts';
import { runtimeConfig } from '../runtimeConfig.ts';

/** What a module's health check says about itself. */
export interface HealthCheckResult {
  readonly status: Exclude<ModuleHealthStatus, 'unknown'>;
  readonly detail?: string | null;
}

/** What the health function returns to the poller. */
export interface HealthAnswer {
  readonly module: string;
  readonly status: Exclude<ModuleHealthStatus, 'unknown'>;
  readonly detail: string | null;
  readonly checkedAt: string;
}

/** The Lambda handler healthHandler returns. */
export type HealthLambdaHandler = (event?: unknown, context?: Context) => Promise<HealthAnswer>;

/**
 * A module's health function. The check decides ok/degraded/down; a check that throws reports `down` with
 * the message instead of crashing, because "the check itself broke" is exactly what the poller must see.
 *
 * @example
 * ```ts
 * export const handler = healthHandler(async () => ((await store.ping()) ? { status: 'ok' } : { status: 'down' }));
 * ```
 */
export const healthHandler = (
  check: () => Promise<HealthCheckResult>,
  options: { module?: string; logger?: Logger; now?: () => Date } = {},
): HealthLambdaHandler => {
  const module = options.module ?? runtimeConfig.moduleOr('unknown');
  const logger = options.logger ?? createLogger(module);
  const now = options.now ?? (() => new Date());
  return async () => {
    try {
      const result = await check();
      return { module, status: result.status, detail: result.detail ?? null, checkedAt: now().toISOString() };
    } catch (error) {
      logger.error('health check failed', error as Error);
      const message = error instanceof Error ? error.message : String(error);
      return { module, status: 'down', detail: message.slice(0, 1000), checkedAt: now().toISOString() };
    }
  };
};
