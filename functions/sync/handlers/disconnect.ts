import { webSocketHandler } from '../../../shared/runtime/index.ts';
import { closeConnection } from '../useCases/connections.ts';
import { syncDependencies } from '../wiring/syncDependencies.ts';

/** `$disconnect`: forgets the connection and its subscriptions; its bands hear who left. */
export const handler = webSocketHandler({
  handle: async (req) => {
    await closeConnection(syncDependencies(), req.connectionId);
  },
});
