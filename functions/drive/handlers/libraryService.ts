import { libraryService } from '../../../shared/contracts/services/driveServices.ts';
import { serviceHandler } from '../../../shared/runtime/index.ts';
import { listLibraryFiles } from '../useCases/listLibraryFiles.ts';
import { driveDependencies } from '../wiring/driveDependencies.ts';

/** `library_service` — a band's library files, paged, for modules that reconcile with it. */
export const handler = serviceHandler(libraryService, {
  listFiles: (input) => listLibraryFiles(driveDependencies(), input),
});
