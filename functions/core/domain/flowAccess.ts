import type { Identity } from '../../../shared/contracts/identity.ts';
import type { FlowRecords } from './flowTrace.ts';

/**
 * Who may read a flow: the user who started it (the user its first events are about — who signed in, who
 * changed a preference), and a leader of a band any of its events concerns. Anyone else is told it does not
 * exist, as for a flow that never was: a correlation id is no secret, the flows of another band are.
 */
export const maySeeFlow = (identity: Identity, records: FlowRecords): boolean => {
  const known = new Set(records.events.map((e) => e.eventId));
  const starters = records.events
    .filter((e) => e.causationId === null || !known.has(e.causationId))
    .map((e) => e.userId);
  if (starters.includes(identity.userId)) return true;
  const led = new Set(identity.memberships.filter((m) => m.role === 'leader').map((m) => m.bandId));
  return records.events.some((e) => e.bandId !== undefined && led.has(e.bandId));
};
