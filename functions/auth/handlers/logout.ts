import { httpHandler } from '../../../shared/runtime/index.ts';
import { logout } from '../useCases/logout.ts';
import { authDependencies } from '../wiring/authDependencies.ts';
import { RefreshTokenBody } from './requestSchemas.ts';

/** `POST /api/auth/logout` — revokes the session of the refresh token given; 204 either way. */
export const handler = httpHandler({
  body: RefreshTokenBody,
  handle: async (req) => {
    await logout(authDependencies(), req.body.refreshToken, req.correlationId);
    return { status: 204 };
  },
});
