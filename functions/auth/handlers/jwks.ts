import { httpHandler } from '../../../shared/runtime/index.ts';
import { JWKS_MAX_AGE_SECONDS } from '../domain/authConstants.ts';
import { authDependencies } from '../wiring/authDependencies.ts';

/**
 * `GET /.well-known/jwks.json` — the public keys of access tokens: the next (published before it signs), the
 * current and the previous one. A public GET never creates keys: on a fresh platform the set is empty until
 * the first sign-in or health check, and no token exists to verify before then.
 */
export const handler = httpHandler({
  handle: async () => ({
    body: { keys: await authDependencies().keys.publicKeys() },
    headers: { 'cache-control': `public, max-age=${JWKS_MAX_AGE_SECONDS}` },
  }),
});
