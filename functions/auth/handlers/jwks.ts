import { httpHandler } from '../../../shared/runtime/index.ts';
import { authDependencies } from '../wiring/authDependencies.ts';

/** `GET /.well-known/jwks.json` — the public keys of access tokens: the current one and the previous one. */
export const handler = httpHandler({
  handle: async () => {
    const { keys } = authDependencies();
    // The first request of a fresh platform creates the key, so the set is never empty.
    await keys.currentSigner();
    return { body: { keys: await keys.publicKeys() }, headers: { 'cache-control': 'public, max-age=300' } };
  },
});
