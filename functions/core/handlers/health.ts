import { healthHandler } from '../../../shared/runtime/index.ts';
import { catalogReadable } from '../useCases/moduleCatalog.ts';
import { coreDependencies } from '../wiring/coreDependencies.ts';

/** Core is healthy when it can read the service catalog: every other answer it gives depends on it. */
export const handler = healthHandler(() => catalogReadable(coreDependencies()));
