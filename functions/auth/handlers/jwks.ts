import { httpHandler } from '../../../shared/runtime/index.ts';
import { JWKS_MAX_AGE_SECONDS } from '../domain/authConstants.ts';
import { publishedKeys } from '../useCases/signingKeys.ts';
import { authDependencies } from '../wiring/authDependencies.ts';

/** `GET /.well-known/jwks.json` — the public keys of access tokens (never creates one). */
export const handler = httpHandler({
  handle: async () => ({
    body: await publishedKeys(authDependencies()),
    headers: { 'cache-control': `public, max-age=${JWKS_MAX_AGE_SECONDS}` },
  }),
});
