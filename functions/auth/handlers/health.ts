import { healthHandler } from '../../../shared/runtime/index.ts';
import { authDependencies } from '../wiring/authDependencies.ts';

/** Auth is healthy when it can sign: the signing keys are readable (and created if this is a fresh platform). */
export const handler = healthHandler(async () => {
  const { keys } = authDependencies();
  await keys.currentSigner();
  return (await keys.publicKeys()).length > 0
    ? { status: 'ok' }
    : { status: 'down', detail: 'no access-token signing key is available' };
});
