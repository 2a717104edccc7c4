import { httpHandler } from '../../../shared/runtime/index.ts';
import { signInWithGoogle } from '../useCases/googleSignIn.ts';
import { authDependencies } from '../wiring/authDependencies.ts';
import { GoogleSignInBody } from './requestSchemas.ts';

/** `POST /api/auth/google` — signs in with a Google ID token (from Google Identity Services). */
export const handler = httpHandler({
  body: GoogleSignInBody,
  handle: async (req) => ({
    body: await signInWithGoogle(authDependencies(), req.body.idToken, req.correlationId),
    headers: { 'cache-control': 'no-store' },
  }),
});
