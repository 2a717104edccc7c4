import type { EventContract, PreviousEventVersion } from '../../contracts/defineEvent.ts';
import { eventSource, findEventContract } from '../../contracts/eventCatalog.ts';
import type { EventMetadata } from '../../contracts/eventEnvelope.ts';
import { EventValidationError } from '../errors/eventErrors.ts';
import { fieldIssuesFromZod } from '../errors/ValidationError.ts';
import { detailSchemaFor, versionRefusal } from './detailSchemaFor.ts';

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
 * The previous version an event's detail declares, when its contract still accepts that version; a version
 * it does not read is refused here, before its data is judged by a schema it was not written for.
 */
const previousVersionOf = (contract: EventContract, detail: unknown): PreviousEventVersion | undefined => {
  const version = (detail as { metadata?: { schemaVersion?: unknown } } | null)?.metadata?.schemaVersion;
  if (typeof version !== 'number' || version === contract.version) return undefined;
  const refusal = versionRefusal(contract, version);
  if (refusal) {
    throw new EventValidationError(`${contract.name} ${refusal}`, {
      eventName: contract.name,
      issues: [{ path: 'detail.metadata.schemaVersion', message: refusal }],
    });
  }
  return contract.previousVersions?.find((p) => p.version === version);
};

/** Data of a previous version, upgraded to the current version and checked against it. */
const upgradeData = (contract: EventContract, previous: PreviousEventVersion, data: unknown): unknown => {
  const refuse = (detail: string) =>
    new EventValidationError(
      `${contract.name} version ${previous.version} could not be upgraded to version ${contract.version}: ${detail}`,
      { eventName: contract.name },
    );
  let upgraded: unknown;
  try {
    upgraded = previous.upgrade(data as never);
  } catch (error) {
    throw refuse((error as Error).message);
  }
  const parsed = contract.data.safeParse(upgraded);
  if (!parsed.success) {
    const issues = fieldIssuesFromZod(parsed.error, 'detail.data');
    throw refuse(issues.map((i) => `${i.path}: ${i.message}`).join('; '));
  }
  return parsed.data;
};

/**
 * Checks a received EventBridge event: a known detail-type, `source` = `soleil.<owner>` of that event,
 * and `detail` = `{metadata, data}` valid for the contract. Anything else is an {@link EventValidationError}.
 * An event of a previous version the contract still accepts is checked against that version, and its data
 * upgraded to the current version: subscribers see one shape.
 */
export const parseEventBridgeEvent = (
  event: EventBridgeEventLike,
  contractOf: (name: string) => EventContract | undefined = findEventContract,
): ParsedPlatformEvent => {
  if (typeof event !== 'object' || event === null)
    throw new EventValidationError('The event is not an object');
  const name = event['detail-type'];
  if (typeof name !== 'string') throw new EventValidationError('The event has no detail-type');
  const contract = contractOf(name);
  if (!contract) throw new EventValidationError(`${name} is not a platform event`, { eventName: name });
  const expectedSource = eventSource(contract.owner);
  if (event.source !== expectedSource) {
    throw new EventValidationError(
      `${name} must come from ${expectedSource}, not ${String(event.source)}: only its owner publishes it`,
      { eventName: name },
    );
  }
  const previous = previousVersionOf(contract, event.detail);
  const parsed = detailSchemaFor(contract, previous).safeParse(event.detail);
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
    data: previous ? upgradeData(contract, previous, parsed.data.data) : parsed.data.data,
    busEventId: typeof event.id === 'string' ? event.id : null,
  };
};
