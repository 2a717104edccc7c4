import { dependencyContainer } from '../../../shared/runtime/container/dependencyContainer.ts';
import type { FileContentCache } from '../providers/FileContentCache.ts';
import { coreDriveFactories } from './coreDriveFactories.ts';
import { fileContentCache } from './fileCacheFactories.ts';
import { type SourceWiring, sourceFactories } from './sourceFactories.ts';

/** A library sync's wiring plus the file cache. */
interface FileCacheWiring extends SourceWiring {
  readonly cache: FileContentCache;
}

/**
 * What the copy of a changed file into the cache needs (`cacheFileContent`): the library and sources tables,
 * the configured provider and the `file-cache` bucket — not the changes feed nor the presigner.
 */
export const fileCacheDependencies = dependencyContainer<FileCacheWiring>({
  ...coreDriveFactories,
  ...sourceFactories,
  cache: fileContentCache,
});
