import type { EventContract } from '../../contracts/defineEvent.ts';
import { findEventContract } from '../../contracts/eventCatalog.ts';
import type { EventDetail } from '../../contracts/eventEnvelope.ts';
import { EventValidationError, ForeignEventError } from '../errors/eventErrors.ts';
import { buildEventDetail } from './buildEventDetail.ts';
import type { EventToPublish } from './PublisherTypes.ts';

/**
 * The contract and validated `detail` of an event `module` is about to publish: a platform event, owned by
 * `module`, whose data, metadata and band scope match the contract. Throws {@link EventValidationError} or
 * {@link ForeignEventError} otherwise — before anything is sent, or (the outbox) committed.
 */
export const publishableDetail = (
  module: string,
  event: EventToPublish,
): { readonly contract: EventContract; readonly detail: EventDetail<unknown> } => {
  const contract = findEventContract(event.name);
  if (!contract) {
    throw new EventValidationError(`${event.name} is not a platform event`, { eventName: event.name });
  }
  if (contract.owner !== module) throw new ForeignEventError(contract.name, contract.owner, module);
  return { contract, detail: buildEventDetail(contract, module, event.data, event.options) };
};
