import { httpHandler } from '../../../shared/runtime/index.ts';
import { refreshSession } from '../useCases/refreshSession.ts';
import { authDependencies } from '../wiring/authDependencies.ts';
import { RefreshTokenBody } from './requestSchemas.ts';

/** `POST /api/auth/refresh` — rotates the refresh token; a reused one revokes the session (401). */
export const handler = httpHandler({
  body: RefreshTokenBody,
  handle: async (req) => ({
    body: await refreshSession(authDependencies(), req.body.refreshToken, req.correlationId),
    headers: { 'cache-control': 'no-store' },
  }),
});
