import { ServiceUnavailableError, UnauthorizedError } from '../../../shared/runtime/index.ts';
import { InvalidIdTokenError, type VerifiedGoogleUser } from '../crypto/GoogleIdTokenVerifier.ts';
import type { AuthDependencies } from './AuthDependencies.ts';
import type { SessionGrant } from './sessionGrant.ts';
import { signIn } from './signIn.ts';

/**
 * The Google account an ID token proves: 503 when this platform has no Google client id, 401 when the token
 * is not one we accept (why goes to the log only: a client learns nothing about which check failed).
 */
const verifiedGoogleUser = async (deps: AuthDependencies, idToken: string): Promise<VerifiedGoogleUser> => {
  if (!deps.google) throw new ServiceUnavailableError('Google sign-in is not configured on this platform');
  try {
    return await deps.google.verify(idToken);
  } catch (error) {
    if (!(error instanceof InvalidIdTokenError)) throw error;
    deps.logger.info('Google ID token refused', { reason: error.message });
    throw new UnauthorizedError('The Google ID token is not valid');
  }
};

/** `POST /api/auth/google`: signs in the user a Google ID token (from Google Identity Services) proves. */
export const signInWithGoogle = async (
  deps: AuthDependencies,
  idToken: string,
  correlationId?: string,
): Promise<SessionGrant> => {
  const verified = await verifiedGoogleUser(deps, idToken);
  return signIn(deps, {
    email: verified.email,
    name: verified.name,
    googleSubject: verified.subject,
    method: 'google',
    ...(correlationId === undefined ? {} : { correlationId }),
  });
};
