import { describeModules, summarizeModules } from '../domain/describeModules.ts';
import { HEALTH_MAX_AGE_MS } from '../domain/healthPolicy.ts';
import type { CoreDependencies } from '../wiring/coreDependencies.ts';

type CatalogReader = Pick<CoreDependencies, 'catalog' | 'now'>;

/** `GET /api/system/modules`: every module, described. */
export const moduleMap = async (deps: CatalogReader) =>
  describeModules(await deps.catalog.listModules(), deps.now(), HEALTH_MAX_AGE_MS);

/** `catalog_service.listModules`: every module, in short. */
export const moduleSummaries = async (deps: CatalogReader) =>
  summarizeModules(await deps.catalog.listModules(), deps.now(), HEALTH_MAX_AGE_MS);

/** Core's own health: it can read a non-empty catalog (every other answer it gives depends on it). */
export const catalogReadable = async (
  deps: Pick<CoreDependencies, 'catalog'>,
): Promise<{ status: 'ok' | 'degraded'; detail?: string }> =>
  (await deps.catalog.listModules()).length > 0
    ? { status: 'ok' }
    : {
        status: 'degraded',
        detail: 'the service catalog is empty: was the platform deployed from its model?',
      };
