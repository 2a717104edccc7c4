import { requireIdentity, webSocketHandler } from '../../../shared/runtime/index.ts';
import { openConnection } from '../useCases/connections.ts';
import { syncDependencies } from '../wiring/syncDependencies.ts';

/** `$connect` (authorized by auth's authorizer, token in the query string): records the connection. */
export const handler = webSocketHandler({
  handle: async (req) => {
    await openConnection(syncDependencies(), {
      connectionId: req.connectionId,
      identity: requireIdentity(req),
    });
  },
});
