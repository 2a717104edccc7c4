import type { BasePersistenceLayer } from '@aws-lambda-powertools/idempotency/persistence';
import { onceByEventId } from '../../../shared/runtime/events/onceByEventId.ts';
import { type EventHandlerOptions, eventHandler } from '../../../shared/runtime/index.ts';
import { driftWarning } from '../domain/driftWarning.ts';

/**
 * content.catalogue_reconciled (published only when drift was found) → `system.warning` with the band and the
 * counts, caused by content's event; the kit's once-per-event keeps a redelivery from warning twice.
 * Tests pass their own publisher and idempotency store.
 */
export const createDriftWarningHandler = (
  options: Pick<EventHandlerOptions<'content.catalogue_reconciled'>, 'publisher'> & {
    readonly persistenceStore?: BasePersistenceLayer;
  } = {},
) =>
  eventHandler({
    publisher: options.publisher,
    repeats: onceByEventId({ persistenceStore: options.persistenceStore }),
    events: ['content.catalogue_reconciled'],
    handle: async (event) => {
      await event.publish('system.warning', driftWarning(event.data, event.metadata.correlationId));
    },
  });

export const handler = createDriftWarningHandler();
