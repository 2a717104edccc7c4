import { AUTHORIZER_IDENTITY_KEY, Identity } from '../../contracts/identity.ts';
import { UnauthorizedError } from '../errors/requestErrors.ts';
import type { HttpEvent } from './HttpRequest.ts';

/**
 * The caller's identity from the authorizer context. No authorizer context (a public route) → null; a context
 * the kit cannot read → 401, because trusting half an identity is worse than refusing.
 */
export const readIdentity = (event: HttpEvent): Identity | null => {
  const lambdaContext = (event.requestContext as { authorizer?: { lambda?: unknown } } | undefined)
    ?.authorizer?.lambda;
  if (lambdaContext === undefined || lambdaContext === null) return null;
  if (typeof lambdaContext !== 'object') throw new UnauthorizedError('The authorizer context is malformed');
  const encoded = (lambdaContext as Record<string, unknown>)[AUTHORIZER_IDENTITY_KEY];
  if (encoded === undefined || encoded === null) return null;
  let decoded: unknown = encoded;
  if (typeof encoded === 'string') {
    try {
      decoded = JSON.parse(encoded);
    } catch {
      throw new UnauthorizedError('The authorizer identity is not valid JSON');
    }
  }
  const parsed = Identity.safeParse(decoded);
  if (!parsed.success) throw new UnauthorizedError('The authorizer identity is malformed');
  return parsed.data;
};
