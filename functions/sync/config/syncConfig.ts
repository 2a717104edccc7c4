import { DEFAULT_LOG_WINDOW_SECONDS } from '../domain/syncLimits.ts';

/** Environment variables the sync module reads beyond the platform's own. */
export const SYNC_ENV = {
  logWindowSeconds: 'SOLEIL_SYNC_LOG_WINDOW_SECONDS',
} as const;

/** Thrown when a sync setting holds an unusable value; the message names the variable. */
export class InvalidSyncConfigError extends Error {
  override readonly name = 'InvalidSyncConfigError';
}

/** How long a band's log keeps messages for resume (seconds, 1 to 7 days' worth). */
export const readLogWindowSeconds = (env: NodeJS.ProcessEnv = process.env): number => {
  const raw = env[SYNC_ENV.logWindowSeconds]?.trim();
  if (!raw) return DEFAULT_LOG_WINDOW_SECONDS;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 7 * 24 * 60 * 60) {
    throw new InvalidSyncConfigError(
      `${SYNC_ENV.logWindowSeconds} must be a whole number of seconds from 1 to 604800, got "${raw}"`,
    );
  }
  return value;
};
