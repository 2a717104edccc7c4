import { httpHandler, requireIdentity } from '../../../shared/runtime/index.ts';
import { createBand } from '../useCases/createBand.ts';
import { authDependencies } from '../wiring/authDependencies.ts';
import { CreateBandBody } from './requestSchemas.ts';

/** `POST /api/auth/bands` — creates a band; the creator becomes its leader. Retry-safe with `requestId`. */
export const handler = httpHandler({
  body: CreateBandBody,
  handle: async (req) => ({
    status: 201,
    body: await createBand(authDependencies(), requireIdentity(req), {
      name: req.body.name,
      requestId: req.body.requestId,
      correlationId: req.correlationId,
    }),
    headers: { 'cache-control': 'no-store' },
  }),
});
