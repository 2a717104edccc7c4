import * as z from 'zod';
import { defineService } from '../defineService.ts';
import { LibraryFile } from '../events/driveEvents.ts';
import { BandId } from '../identifiers.ts';

/** An opaque paging cursor: only the module that issued it can read it. */
const Cursor = z.string().min(1).max(2048);

export const libraryService = defineService({
  module: 'drive',
  name: 'library_service',
  version: 1,
  description: 'The files of a band’s library as drive last saw them, for modules that reconcile with it.',
  operations: {
    listFiles: {
      description:
        'One page of a band’s library files (files only, folders excluded), in a stable order; pass nextCursor back for the next page.',
      input: z
        .object({
          bandId: BandId,
          cursor: Cursor.nullable().default(null),
          limit: z.number().int().min(1).max(1000).default(500),
        })
        .strict(),
      output: z.object({ files: z.array(LibraryFile), nextCursor: Cursor.nullable() }).strict(),
    },
  },
});
