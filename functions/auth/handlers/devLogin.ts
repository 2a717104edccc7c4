import { httpHandler, NotFoundError, runtimeConfig } from '../../../shared/runtime/index.ts';
import { signIn } from '../useCases/signIn.ts';
import { authDependencies } from '../wiring/authDependencies.ts';
import { DevLoginBody } from './requestSchemas.ts';

/**
 * `POST /api/auth/dev-login` — the embedded platform's sign-in: an email (and optional name, instruments)
 * returns a session as Google sign-in would. The route is `localOnly` (never rendered into AWS); the stage
 * check is a second lock should the function ever be deployed anyway.
 */
export const handler = httpHandler({
  body: DevLoginBody,
  handle: async (req) => {
    if (runtimeConfig.stage() !== 'local') throw new NotFoundError();
    const grant = await signIn(authDependencies(), {
      email: req.body.email,
      name: req.body.name,
      instruments: req.body.instruments,
      method: 'dev',
      correlationId: req.correlationId,
    });
    return { body: grant, headers: { 'cache-control': 'no-store' } };
  },
});
