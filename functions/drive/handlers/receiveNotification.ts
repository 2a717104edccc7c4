import { httpHandler } from '../../../shared/runtime/http/httpHandler.ts';
import { receiveNotification } from '../useCases/receiveNotification.ts';
import { notificationDependencies } from '../wiring/notificationDependencies.ts';

/**
 * `POST /api/drive/notifications` — Google Drive's push notifications (public: Google calls it, verified by
 * the channel's id, token, resource and expiry). 204 at once; a `change` queues a read of the feed. Only the
 * `X-Goog-*` headers count: the body (if any) is not read.
 */
export const handler = httpHandler({
  handle: async (req) => {
    const kind = await receiveNotification(notificationDependencies(), req.headers, (reason) =>
      req.logger.info('Notification refused', { reason }),
    );
    return { status: 204, headers: { 'x-soleil-notification': kind } };
  },
});
