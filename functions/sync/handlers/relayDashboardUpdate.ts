import { eventHandler } from '../../../shared/runtime/index.ts';
import { bandMessageFor } from '../domain/bandMessages.ts';
import { relayBandMessage } from '../useCases/relayBandMessage.ts';
import { syncDependencies } from '../wiring/syncDependencies.ts';
import { recordRelayOutcome } from './recordRelayOutcome.ts';

/**
 * A recomputed dashboard widget becomes a `dashboard_updated` band message for its user. The subscription
 * gathers them for up to a second; of those a batch holds for one user, band and widget only the newest is
 * relayed (`coalesceBy`): the message asks the client to read the widget again, once is enough.
 */
export const handler = eventHandler({
  events: ['dashboard.module_updated'],
  // Safe to repeat by itself, as the other relay: the band log claims the event with its number in one write.
  repeats: 'handler',
  coalesceBy: ({ data }) => `${data.bandId}/${data.userId}/${data.widget}`,
  handle: async ({ name, data, metadata, metrics, logger }) => {
    const plan = bandMessageFor(name, data);
    if (!plan) return;
    const { outcome } = await relayBandMessage(syncDependencies(), plan, metadata.eventId);
    recordRelayOutcome(outcome, metrics, logger);
  },
});
