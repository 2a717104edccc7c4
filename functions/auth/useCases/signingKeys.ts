import type { HealthCheckResult } from '../../../shared/runtime/index.ts';
import type { AuthDependencies } from './AuthDependencies.ts';

/**
 * `GET /.well-known/jwks.json`: the public keys of access tokens — the next (published before it signs), the
 * current and the previous one. Never creates a key: on a fresh platform the set is empty until the first
 * sign-in or health check, and no token exists to verify before then.
 */
export const publishedKeys = async (deps: Pick<AuthDependencies, 'keys'>) => ({
  keys: await deps.keys.publicKeys(),
});

/**
 * Auth's health: it can sign. Reading the signer also creates, locally, the stored key of the current period
 * and, a lead time ahead, of the next one (the health poll runs every minute), so rotation does not wait for
 * a sign-in.
 */
export const signingHealth = async (deps: Pick<AuthDependencies, 'keys'>): Promise<HealthCheckResult> => {
  await deps.keys.currentSigner();
  return (await deps.keys.publicKeys()).length > 0
    ? { status: 'ok' }
    : { status: 'down', detail: 'no access-token signing key is available' };
};
