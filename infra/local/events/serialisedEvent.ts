import { hash } from 'node:crypto';
import type { BusEvent } from '../shared/BusEvent.ts';

/** An event's JSON text, made once, and that text's MD5 (the SQS record's `md5OfBody`), made when asked. */
export interface SerialisedEvent {
  readonly json: string;
  readonly md5: () => string;
}

/**
 * Serialises an event once for everything the bus does with it: the journal line and every matching rule's
 * delivery share the text, and the deliveries one digest (an event matching two rules was stringified three
 * times and hashed twice). Held by the deliveries only, not beside the archive's events, so memory does not
 * keep a second copy of every archived event.
 */
export const serialiseEvent = (event: BusEvent): SerialisedEvent => {
  const json = JSON.stringify(event);
  let md5: string | undefined;
  return {
    json,
    md5: () => {
      md5 ??= hash('md5', json, 'hex');
      return md5;
    },
  };
};
