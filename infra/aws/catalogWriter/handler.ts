import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import type { ModuleEntry, ServiceEntry } from '../../../shared/runtime/catalog/CatalogItems.ts';
import { DynamoDbServiceCatalogStore } from '../../../shared/runtime/catalog/DynamoDbServiceCatalogStore.ts';
import { runtimeConfig } from '../../../shared/runtime/runtimeConfig.ts';
import { ENTRIES_PROPERTY } from './catalogWriterProperties.ts';

const PHYSICAL_ID = 'soleil-service-catalog';

interface CatalogEntries {
  readonly modules: ModuleEntry[];
  readonly services: ServiceEntry[];
}

/**
 * How long the answer to CloudFormation may take: well inside the function's 120 s timeout, so a hung
 * connection fails here (logged) instead of leaving the stack waiting for an answer that never comes.
 */
export const RESPONSE_TIMEOUT_MS = 20_000;

const respond = async (
  event: CloudFormationCustomResourceEvent,
  status: 'SUCCESS' | 'FAILED',
  reason?: string,
): Promise<void> => {
  const body = JSON.stringify({
    Status: status,
    Reason: reason ?? 'See the catalog writer log group',
    PhysicalResourceId: PHYSICAL_ID,
    StackId: event.StackId,
    RequestId: event.RequestId,
    LogicalResourceId: event.LogicalResourceId,
  });
  const response = await fetch(event.ResponseURL, {
    method: 'PUT',
    body,
    headers: { 'content-type': '' },
    signal: AbortSignal.timeout(RESPONSE_TIMEOUT_MS),
  });
  if (!response.ok) throw new Error(`CloudFormation refused the response: HTTP ${response.status}`);
};

/**
 * Replaces the whole service catalog with the entries of this deployment, so it never keeps an entry the
 * model no longer has. A delete leaves the table alone: the table's own removal policy decides its fate.
 */
export const handler = async (event: CloudFormationCustomResourceEvent): Promise<void> => {
  try {
    if (event.RequestType !== 'Delete') {
      const tableName = runtimeConfig.serviceCatalogTable();
      const entries = JSON.parse(String(event.ResourceProperties[ENTRIES_PROPERTY])) as CatalogEntries;
      await new DynamoDbServiceCatalogStore(new DynamoDBClient({}), tableName).replaceAll(entries);
      console.info(
        JSON.stringify({
          message: 'catalog replaced',
          modules: entries.modules.length,
          services: entries.services.length,
        }),
      );
    }
    await respond(event, 'SUCCESS');
  } catch (error) {
    console.error(JSON.stringify({ message: 'catalog write failed', error: String(error) }));
    await respond(event, 'FAILED', String(error).slice(0, 500));
  }
};
