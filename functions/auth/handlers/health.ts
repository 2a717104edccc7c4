import { healthHandler } from '../../../shared/runtime/index.ts';
import { authDependencies } from '../wiring/authDependencies.ts';

/**
 * Auth is healthy when it can sign: the signing keys are readable. Locally this also creates the stored key
 * of the current period, and of the next one ahead of time (the health poll runs every minute), so rotation
 * does not wait for a sign-in and the JWKS route never has to create a key.
 */
export const handler = healthHandler(async () => {
  const { keys } = authDependencies();
  await keys.currentSigner();
  return (await keys.publicKeys()).length > 0
    ? { status: 'ok' }
    : { status: 'down', detail: 'no access-token signing key is available' };
});
