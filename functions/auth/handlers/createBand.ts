import { httpHandler, requireIdentity } from '../../../shared/runtime/index.ts';
import { createBand } from '../useCases/bandMembership.ts';
import { authDependencies } from '../wiring/authDependencies.ts';
import { CreateBandBody } from './requestSchemas.ts';

/** `POST /api/auth/bands` — creates a band; the creator becomes its leader. */
export const handler = httpHandler({
  body: CreateBandBody,
  handle: async (req) => ({
    status: 201,
    body: await createBand(authDependencies(), requireIdentity(req), req.body.name, req.correlationId),
    headers: { 'cache-control': 'no-store' },
  }),
});
