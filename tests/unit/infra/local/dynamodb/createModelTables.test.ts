import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { createModelTables } from '../../../../../infra/local/dynamodb/createModelTables.ts';
import { localFunctionEnvironment } from '../../../../../infra/local/functions/functionEnvironment.ts';
import { loadPlatformModel } from '../../../../../shared/platformModel/loadPlatformModel.ts';

describe('createModelTables', () => {
  it('creates every model table, local-only ones included (auth’s signing keys), and the catalog', async () => {
    const model = await loadPlatformModel();
    const dynamoDb = mockClient(DynamoDBClient);
    dynamoDb.on(CreateTableCommand).resolves({});
    const client = new DynamoDBClient({ region: 'eu-west-1' });
    const created = await createModelTables(client, model);
    const requested = dynamoDb.commandCalls(CreateTableCommand).map((c) => c.args[0].input.TableName);
    expect(requested.sort()).toEqual([...created].sort());
    expect(created).toContain('soleil-auth-signing-keys');
    expect(created).toHaveLength(model.tables.length + 1);
    const auth = model.functions.find((f) => f.module === 'auth');
    if (!auth) throw new Error('auth has no function');
    const env = localFunctionEnvironment(model, auth, {
      dynamodb: 'http://127.0.0.1:1',
      aws: 'http://127.0.0.1:2',
    });
    expect(env.SOLEIL_TABLE_SIGNING_KEYS).toBe('soleil-auth-signing-keys');
    dynamoDb.restore();
  });
});
