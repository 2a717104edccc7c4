import { httpHandler, ServiceUnavailableError, UnauthorizedError } from '../../../shared/runtime/index.ts';
import { InvalidIdTokenError } from '../crypto/GoogleIdTokenVerifier.ts';
import { signIn } from '../useCases/signIn.ts';
import { authDependencies } from '../wiring/authDependencies.ts';
import { GoogleSignInBody } from './requestSchemas.ts';

/** `POST /api/auth/google` — signs in with a Google ID token (from Google Identity Services). */
export const handler = httpHandler({
  body: GoogleSignInBody,
  handle: async (req) => {
    const deps = authDependencies();
    if (!deps.google) throw new ServiceUnavailableError('Google sign-in is not configured on this platform');
    let verified: Awaited<ReturnType<NonNullable<typeof deps.google>['verify']>>;
    try {
      verified = await deps.google.verify(req.body.idToken);
    } catch (error) {
      if (!(error instanceof InvalidIdTokenError)) throw error;
      req.logger.info('Google ID token refused', { reason: error.message });
      throw new UnauthorizedError('The Google ID token is not valid');
    }
    const grant = await signIn(deps, {
      email: verified.email,
      name: verified.name,
      googleSubject: verified.subject,
      method: 'google',
      correlationId: req.correlationId,
    });
    return { body: grant, headers: { 'cache-control': 'no-store' } };
  },
});
