import { healthHandler } from '../../../shared/runtime/index.ts';
import { libraryHealth } from '../useCases/libraryHealth.ts';
import { driveDependencies } from '../wiring/driveDependencies.ts';

/** The drive's health: credentials usable, sources readable, no library failing or stale. */
export const handler = healthHandler(() => libraryHealth(driveDependencies()));
