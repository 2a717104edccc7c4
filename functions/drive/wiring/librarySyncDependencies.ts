import { dependencyContainer } from '../../../shared/runtime/container/dependencyContainer.ts';
import { coreDriveFactories } from './coreDriveFactories.ts';
import { type SourceWiring, sourceFactories } from './sourceFactories.ts';

/**
 * What a sync of one library needs (`onBandCreated`, `onUserLoggedIn`, the folder trigger): stores, outbox
 * and the configured provider — not the changes feed nor S3, so these bundles stay under budget.
 */
export const librarySyncDependencies = dependencyContainer<SourceWiring>({
  ...coreDriveFactories,
  ...sourceFactories,
});
