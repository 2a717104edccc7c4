import type { LibraryFile } from '../../../shared/contracts/events/driveEvents.ts';

/** The drive's listing of a band's library, for reconciliation. */
export interface LibraryListing {
  files(bandId: string): Promise<LibraryFile[]>;
}
