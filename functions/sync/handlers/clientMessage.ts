import { ClientMessage } from '../../../shared/contracts/websocket/syncMessages.ts';
import { requireIdentity, webSocketHandler } from '../../../shared/runtime/index.ts';
import { connectionStats, subscribe, unsubscribe } from '../useCases/bandSubscriptions.ts';
import { resume } from '../useCases/resume.ts';
import { syncDependencies } from '../wiring/syncDependencies.ts';

/**
 * `$default`: every client frame (routed by `action`). A frame that is not JSON, has an unknown action or
 * invalid fields is answered with an `error` frame by the kit; the connection stays open.
 */
export const handler = webSocketHandler({
  body: ClientMessage,
  handle: async (req) => {
    const caller = { connectionId: req.connectionId, identity: requireIdentity(req) };
    const message = req.body;
    const deps = syncDependencies();
    switch (message.action) {
      case 'ping':
        return { body: { type: 'pong', id: message.id, serverTime: deps.now().toISOString() } };
      case 'subscribe':
        return { body: await subscribe(deps, caller, message.bandId) };
      case 'unsubscribe':
        return { body: await unsubscribe(deps, caller, message.bandId) };
      case 'resume':
        return { body: await resume(deps, caller, message.bandId, message.afterSeq) };
      case 'get_stats':
        return { body: await connectionStats(deps, caller) };
    }
  },
});
