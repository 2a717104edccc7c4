import type { EventContract } from '../../contracts/defineEvent.ts';
import { eventSource, findEventContract } from '../../contracts/eventCatalog.ts';
import type { EventMetadata } from '../../contracts/eventEnvelope.ts';
import { EventValidationError } from '../errors/eventErrors.ts';
import { fieldIssuesFromZod } from '../errors/ValidationError.ts';
import { detailSchemaFor } from './detailSchemaFor.ts';

/** The parts of an EventBridge event the kit reads. */
export interface EventBridgeEventLike {
  readonly id?: unknown;
  readonly source?: unknown;
  readonly 'detail-type'?: unknown;
  readonly detail?: unknown;
  readonly time?: unknown;
}

/** A received platform event, checked against its contract. */
export interface ParsedPlatformEvent {
  readonly name: string;
  readonly contract: EventContract;
  readonly metadata: EventMetadata;
  readonly data: unknown;
  /** EventBridge's own id of this delivery's event (not the platform event id). */
  readonly busEventId: string | null;
}

/**
 * Checks a received EventBridge event: a known detail-type, `source` = `soleil.<owner>` of that event,
 * and `detail` = `{metadata, data}` valid for the contract. Anything else is an {@link EventValidationError}.
 */
export const parseEventBridgeEvent = (event: EventBridgeEventLike): ParsedPlatformEvent => {
  if (typeof event !== 'object' || event === null)
    throw new EventValidationError('The event is not an object');
  const name = event['detail-type'];
  if (typeof name !== 'string') throw new EventValidationError('The event has no detail-type');
  const contract = findEventContract(name);
  if (!contract) throw new EventValidationError(`${name} is not a platform event`, { eventName: name });
  const expectedSource = eventSource(contract.owner);
  if (event.source !== expectedSource) {
    throw new EventValidationError(
      `${name} must come from ${expectedSource}, not ${String(event.source)}: only its owner publishes it`,
      { eventName: name },
    );
  }
  const parsed = detailSchemaFor(contract).safeParse(event.detail);
  if (!parsed.success) {
    const issues = fieldIssuesFromZod(parsed.error, 'detail');
    throw new EventValidationError(
      `${name} does not match its contract: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
      { eventName: name, issues },
    );
  }
  if (contract.bandScoped && !parsed.data.metadata.bandId) {
    throw new EventValidationError(`${name} is band-scoped but carries no bandId`, {
      eventName: name,
      issues: [{ path: 'detail.metadata.bandId', message: 'required for a band-scoped event' }],
    });
  }
  return {
    name,
    contract,
    metadata: parsed.data.metadata,
    data: parsed.data.data,
    busEventId: typeof event.id === 'string' ? event.id : null,
  };
};
