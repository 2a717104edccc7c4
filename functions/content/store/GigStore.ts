import type { OutboxEvent } from '../../../shared/runtime/index.ts';
import type { Gig } from '../domain/gig.ts';

/** Another write changed the gig since it was read. */
export class GigWriteConflictError extends Error {
  override readonly name = 'GigWriteConflictError';
}

/** A band's gigs, one record each; every write carries the events announcing it. */
export interface GigStore {
  gig(bandId: string, gigId: string): Promise<Gig | null>;
  gigs(bandId: string): Promise<Gig[]>;
  /** Writes `gig` if the stored one is at `gig.revision - 1` (absent for revision 1). */
  save(gig: Gig, events: readonly OutboxEvent[]): Promise<void>;
  /** Deletes the gig if it is still at `revision`. */
  delete(gig: Gig, events: readonly OutboxEvent[]): Promise<void>;
}
