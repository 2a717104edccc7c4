import { CreateTableCommand, DynamoDBClient, UpdateTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { type DynamoDbLocal, startDynamoDbLocal } from '../../infra/local/dynamodb/startDynamoDbLocal.ts';
import { LOCAL_AWS_CREDENTIALS, LOCAL_AWS_REGION } from '../../infra/local/shared/localNames.ts';

/** A running DynamoDB Local plus a client pointed at it. */
export interface LocalDynamoDb {
  readonly local: DynamoDbLocal;
  readonly client: DynamoDBClient;
  /** Points every SDK client created from now on at DynamoDB Local (AWS_ENDPOINT_URL_DYNAMODB + credentials). */
  pointSdkHere(): void;
  stop(): Promise<void>;
}

const ENV_KEYS = [
  'AWS_ENDPOINT_URL_DYNAMODB',
  'AWS_REGION',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
] as const;

/** Starts DynamoDB Local for one test file (call in beforeAll, `stop()` in afterAll). */
export const startLocalDynamoDb = async (): Promise<LocalDynamoDb> => {
  const local = await startDynamoDbLocal();
  const client = new DynamoDBClient({
    endpoint: local.endpoint,
    region: LOCAL_AWS_REGION,
    credentials: LOCAL_AWS_CREDENTIALS,
  });
  const saved = Object.fromEntries(ENV_KEYS.map((k) => [k, process.env[k]]));
  return {
    local,
    client,
    pointSdkHere: () => {
      process.env.AWS_ENDPOINT_URL_DYNAMODB = local.endpoint;
      process.env.AWS_REGION = LOCAL_AWS_REGION;
      process.env.AWS_ACCESS_KEY_ID = LOCAL_AWS_CREDENTIALS.accessKeyId;
      process.env.AWS_SECRET_ACCESS_KEY = LOCAL_AWS_CREDENTIALS.secretAccessKey;
    },
    stop: async () => {
      for (const key of ENV_KEYS) {
        if (saved[key] === undefined) delete process.env[key];
        else process.env[key] = saved[key];
      }
      client.destroy();
      await local.stop();
    },
  };
};

/** Creates a module's idempotency table as the renderers do: pk `id` (S), TTL on `expiration`. */
export const createIdempotencyTable = async (client: DynamoDBClient, tableName: string): Promise<void> => {
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
  await client.send(
    new UpdateTimeToLiveCommand({
      TableName: tableName,
      TimeToLiveSpecification: { AttributeName: 'expiration', Enabled: true },
    }),
  );
};

/** Creates a service catalog table (pk/sk strings). */
export const createCatalogTable = async (client: DynamoDBClient, tableName: string): Promise<void> => {
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
};
