import type { ChangeKind } from './schemaChanges.ts';

/**
 * Who reads the values of a schema, which decides whether a change breaks anyone:
 * - `event`: subscribers read what the owner publishes, both ways round — old subscribers read new events
 *   while a deploy rolls out, and new code reads old events still queued, dead-lettered or replayed from the
 *   archive;
 * - `request`: the provider reads what callers send, callers written against the old contract;
 * - `response`: callers read what the provider answers, callers written against the old contract.
 */
export type Reader = 'event' | 'request' | 'response';

/** Why a change breaks, per reader; a kind a reader does not list is compatible for it. */
const BREAKS: Readonly<Record<Reader, Partial<Record<ChangeKind, string>>>> = {
  event: {
    removed: 'subscribers read it, and events already published still carry it',
    'added-required': 'events published before the change lack it',
    'became-required': 'events published before the change may lack it',
    'became-optional': 'subscribers rely on it being there',
    narrowed: 'events already published may carry values no longer accepted',
    widened: 'subscribers meet values they do not handle',
    changed: 'events already published and subscribers no longer agree on it',
  },
  request: {
    removed: 'callers still send it, and the provider now refuses it',
    'added-required': 'callers do not send it',
    'became-required': 'callers may not send it',
    narrowed: 'callers may send values no longer accepted',
    changed: 'callers and the provider no longer agree on it',
  },
  response: {
    removed: 'callers read it',
    'became-optional': 'callers rely on it being there',
    widened: 'callers meet values they do not handle',
    changed: 'callers and the provider no longer agree on it',
  },
};

/** Why `kind` breaks the readers of `reader`, or undefined when they are unaffected. */
export const whyBreaking = (reader: Reader, kind: ChangeKind): string | undefined => BREAKS[reader][kind];
