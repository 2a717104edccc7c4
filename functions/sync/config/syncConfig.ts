import { runtimeConfig } from '../../../shared/runtime/index.ts';

/**
 * The sync module's settings (its manifest's `config`): names spelled here once, descriptions and defaults in
 * the manifest only, set by the renderers wherever nothing overrides them.
 */
export const SYNC_ENV = {
  logWindowSeconds: 'SOLEIL_SYNC_LOG_WINDOW_SECONDS',
} as const;

/** Thrown when a sync setting holds an unusable value; the message names the variable. */
export class InvalidSyncConfigError extends Error {
  override readonly name = 'InvalidSyncConfigError';
}

/** Longest log window accepted: a week of messages per band. */
const MAX_LOG_WINDOW_SECONDS = 7 * 24 * 60 * 60;

/** How long a band's log keeps messages for resume (whole seconds, 1 s to 7 days). */
export const readLogWindowSeconds = (env: NodeJS.ProcessEnv = process.env): number => {
  const raw = runtimeConfig.setting(SYNC_ENV.logWindowSeconds, env);
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > MAX_LOG_WINDOW_SECONDS) {
    throw new InvalidSyncConfigError(
      `${SYNC_ENV.logWindowSeconds} must be a whole number of seconds from 1 to ${MAX_LOG_WINDOW_SECONDS}, got "${raw}"`,
    );
  }
  return value;
};
