import { dependencyContainer } from '../../../shared/runtime/container/dependencyContainer.ts';
import type { DriveChanges } from '../providers/DriveChanges.ts';
import { S3FileLinks } from '../providers/S3FileLinks.ts';
import type { DriveDependencies } from '../useCases/DriveDependencies.ts';
import { type ChangeFeedWiring, changeFeedStore } from './changeFeedDependencies.ts';
import { coreDriveFactories } from './coreDriveFactories.ts';
import { fileContentCache } from './fileCacheFactories.ts';
import { type SourceWiring, sourceFactories } from './sourceFactories.ts';

/** Everything the drive's handlers may need: what the use cases see, and what builds it. */
interface DriveWiring extends DriveDependencies, SourceWiring, ChangeFeedWiring {
  /** Google Drive's changes feed and push channels; `null` with the folder provider. */
  readonly changes: DriveChanges | null;
}

/**
 * The drive's dependencies, each built on first use. The provider follows `SOLEIL_DRIVE_PROVIDER` (Google
 * Drive by default, a folder per band on the embedded platform, whose manifest setting has that local
 * default). Handlers that need less import a smaller container (`librarySyncDependencies`,
 * `changeFeedDependencies`, `notificationDependencies`): every import ends up in the handler's bundle.
 */
export const driveDependencies = dependencyContainer<DriveWiring>({
  ...coreDriveFactories,
  ...sourceFactories,
  feed: changeFeedStore,
  changes: (d) => d.google,
  links: () => new S3FileLinks(fileContentCache()),
});
