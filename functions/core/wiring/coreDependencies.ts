import { DynamoDbServiceCatalogStore } from '../../../shared/runtime/catalog/DynamoDbServiceCatalogStore.ts';
import type { ServiceCatalogStore } from '../../../shared/runtime/catalog/ServiceCatalogStore.ts';
import {
  createPublisher,
  dependencyContainer,
  documentClient,
  type Publisher,
  runtimeConfig,
} from '../../../shared/runtime/index.ts';
import { storageClient } from '../../../shared/runtime/storage/storageClient.ts';
import { HEALTH_CHECK_TIMEOUT_MS } from '../domain/healthPolicy.ts';
import { LambdaHealthProbe } from '../probes/LambdaHealthProbe.ts';
import { CORE_TABLES } from '../store/coreTableNames.ts';
import { DynamoDbFlowTraceStore } from '../store/DynamoDbFlowTraceStore.ts';
import type { FlowTraceStore } from '../store/FlowTraceStore.ts';

/** What core's handlers work with. */
export interface CoreDependencies {
  /** The platform's service catalog: core reads it and writes only its health columns. */
  readonly catalog: ServiceCatalogStore;
  readonly probe: LambdaHealthProbe;
  readonly publisher: Publisher;
  /** Events and reactions by correlation id (core's `flow-trace` table). */
  readonly flowTrace: FlowTraceStore;
  readonly now: () => Date;
}

/**
 * Core's dependencies, each built on first use (the catalog table name comes from the platform's
 * environment); `coreDependencies.reset()` forgets them.
 */
export const coreDependencies = dependencyContainer<CoreDependencies>({
  catalog: () => new DynamoDbServiceCatalogStore(storageClient(), runtimeConfig.serviceCatalogTable()),
  flowTrace: () =>
    new DynamoDbFlowTraceStore(documentClient(storageClient()), runtimeConfig.table(CORE_TABLES.flowTrace)),
  probe: () => new LambdaHealthProbe(undefined, HEALTH_CHECK_TIMEOUT_MS),
  publisher: () => createPublisher({ module: 'core' }),
  now: () => () => new Date(),
});
