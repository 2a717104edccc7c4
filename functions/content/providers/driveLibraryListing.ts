import type { LibraryFile } from '../../../shared/contracts/events/driveEvents.ts';
import { services } from '../../../shared/runtime/index.ts';
import type { LibraryListing } from './LibraryListing.ts';

/** Every file of a band's library, page by page, from drive's `library_service.listFiles`. */
export const driveLibraryListing: LibraryListing = {
  files: async (bandId) => {
    const files: LibraryFile[] = [];
    let cursor: string | null = null;
    do {
      const page: { files: LibraryFile[]; nextCursor: string | null } = await services.call(
        'drive',
        'library_service',
        'listFiles',
        { bandId, cursor, limit: 1000 },
      );
      files.push(...page.files);
      cursor = page.nextCursor;
    } while (cursor !== null);
    return files;
  },
};
