import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDbServiceCatalogStore } from '../../../shared/runtime/catalog/DynamoDbServiceCatalogStore.ts';
import type { ServiceCatalogStore } from '../../../shared/runtime/catalog/ServiceCatalogStore.ts';
import { runtimeConfig } from '../../../shared/runtime/runtimeConfig.ts';

let store: ServiceCatalogStore | undefined;

/** The service catalog, created once per container (the table name comes from the platform's environment). */
export const catalogStore = (): ServiceCatalogStore => {
  if (!store) {
    store = new DynamoDbServiceCatalogStore(new DynamoDBClient({}), runtimeConfig.serviceCatalogTable());
  }
  return store;
};
