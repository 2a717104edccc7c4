import { eventHandler } from '../../../shared/runtime/index.ts';
import { bandMessageFor } from '../domain/bandMessages.ts';
import { relayBandMessage } from '../useCases/relayBandMessage.ts';
import { syncDependencies } from '../wiring/syncDependencies.ts';
import { recordRelayOutcome } from './recordRelayOutcome.ts';

/**
 * Content and gig events become band messages (domain/bandMessages.ts says how), pushed to the members they
 * concern; a file message is then announced as `sync.file_updated` with the delivery counts.
 */
export const handler = eventHandler({
  events: ['content.updated', 'content.deleted', 'content.gig_updated'],
  // Safe to repeat by itself: the band log claims the event with its sequence number in one write, a repeat
  // pushes again under the same number (clients drop a seq they have seen) and `sync.file_updated` keeps its
  // derived id. The kit's idempotency record would add two DynamoDB requests before the first push.
  repeats: 'handler',
  handle: async ({ name, data, metadata, publish, metrics, logger }) => {
    const plan = bandMessageFor(name, data);
    if (!plan) return;
    const { outcome, announcement } = await relayBandMessage(syncDependencies(), plan, metadata.eventId);
    recordRelayOutcome(outcome, metrics, logger);
    if (announcement) await publish('sync.file_updated', announcement);
  },
});
