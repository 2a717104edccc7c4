import { isPlatformError } from '../../../shared/runtime/errors/PlatformError.ts';
import type { StaleReason } from '../domain/preparedDashboard.ts';

/**
 * Whether a failed read means the dependency is down (circuit open, timeout, failure, unreachable) — then the
 * dashboard answers what it last prepared — rather than a refusal (a 4xx: e.g. content says the user is not a
 * member), which must reach the caller as it is.
 */
export const dependencyDownReason = (dependency: string, error: unknown): StaleReason | null => {
  if (isPlatformError(error)) {
    return error.status >= 500 ? { dependency, problem: error.type } : null;
  }
  return { dependency, problem: 'unreachable' };
};
