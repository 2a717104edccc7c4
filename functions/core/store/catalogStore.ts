import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { PLATFORM_ENV } from '../../../shared/platformModel/modelConstants.ts';
import { DynamoDbServiceCatalogStore } from '../../../shared/runtime/catalog/DynamoDbServiceCatalogStore.ts';
import type { ServiceCatalogStore } from '../../../shared/runtime/catalog/ServiceCatalogStore.ts';

let store: ServiceCatalogStore | undefined;

/** The service catalog, created once per container (the table name comes from the platform's environment). */
export const catalogStore = (): ServiceCatalogStore => {
  if (!store) {
    const table = process.env[PLATFORM_ENV.serviceCatalogTable];
    if (!table)
      throw new Error(`${PLATFORM_ENV.serviceCatalogTable} is not set: the catalog table is unknown.`);
    store = new DynamoDbServiceCatalogStore(new DynamoDBClient({}), table);
  }
  return store;
};
