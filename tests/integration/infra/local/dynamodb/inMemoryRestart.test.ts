import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import {
  LOCAL_AWS_CREDENTIALS,
  LOCAL_AWS_REGION,
  LOCAL_NAMES,
} from '../../../../../infra/local/shared/localNames.ts';
import type { EmbeddedPlatform } from '../../../../../infra/local/startPlatform.ts';
import { DynamoDbServiceCatalogStore } from '../../../../../shared/runtime/catalog/DynamoDbServiceCatalogStore.ts';
import { startTestPlatform } from '../../../../helpers/startTestPlatform.ts';

let platform: EmbeddedPlatform | undefined;
afterAll(() => platform?.stop());

describe('an in-memory DynamoDB Local that dies', () => {
  it('comes back with the model’s tables and the service catalog, which it lost', async () => {
    platform = await startTestPlatform();
    const client = new DynamoDBClient({
      endpoint: platform.urls.dynamodb,
      region: LOCAL_AWS_REGION,
      credentials: LOCAL_AWS_CREDENTIALS,
    });
    const tablesBefore = (await client.send(new ListTablesCommand({}))).TableNames ?? [];
    expect(tablesBefore).toContain(LOCAL_NAMES.catalogTableName);

    process.kill(platform.dynamodb.pid, 'SIGKILL');
    await expect.poll(() => platform?.dynamodb.state).toBe('restarting');
    await platform.dynamodb.whenUp();

    expect((await client.send(new ListTablesCommand({}))).TableNames?.sort()).toEqual(tablesBefore.sort());
    const modules = await new DynamoDbServiceCatalogStore(client, LOCAL_NAMES.catalogTableName).listModules();
    expect(modules.map((m) => m.name).sort()).toEqual(platform.model.modules.map((m) => m.name).sort());
    client.destroy();
  }, 120_000);
});
