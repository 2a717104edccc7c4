import {
  CreateTableCommand,
  DeleteTableCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import { LOCAL_AWS_CREDENTIALS, LOCAL_AWS_REGION } from '../../infra/local/shared/localNames.ts';

/** Requests after which DynamoDB Local's JVM has compiled its request paths (measured: see below). */
const WARM_UP_REQUESTS = 3_000;
const TABLE = 'bench-warm-up';

/**
 * Brings DynamoDB Local's JVM to the state of a platform in use for a few minutes, before a bench of the
 * product's paths measures anything: its first few hundred requests run interpreted and answer in 3–8 ms
 * (p99 25–100 ms), after ~2,000 in 1.2–2.6 ms (a put, get, query and a three-item transaction in turn, on
 * the 2-core machine). Without this, a bench of 20 file drops measured the JIT of a Java process, not SOLEil.
 * The requests go to a table of its own, deleted after.
 */
export const warmDynamoDbLocal = async (endpoint: string, requests = WARM_UP_REQUESTS): Promise<void> => {
  const client = new DynamoDBClient({
    endpoint,
    region: LOCAL_AWS_REGION,
    credentials: LOCAL_AWS_CREDENTIALS,
  });
  await client.send(
    new CreateTableCommand({
      TableName: TABLE,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
    }),
  );
  try {
    for (let i = 0; i < requests; i++) {
      const pk = { S: `p${i % 50}` };
      const sk = { S: `s${i}` };
      switch (i % 4) {
        case 0:
          await client.send(
            new PutItemCommand({ TableName: TABLE, Item: { pk, sk, body: { S: 'x'.repeat(200) } } }),
          );
          break;
        case 1:
          await client.send(new GetItemCommand({ TableName: TABLE, Key: { pk, sk: { S: `s${i - 1}` } } }));
          break;
        case 2:
          await client.send(
            new QueryCommand({
              TableName: TABLE,
              KeyConditionExpression: 'pk = :pk',
              ExpressionAttributeValues: { ':pk': pk },
              Limit: 20,
            }),
          );
          break;
        default:
          await client.send(
            new TransactWriteItemsCommand({
              TransactItems: [0, 1, 2].map((j) => ({
                Put: { TableName: TABLE, Item: { pk, sk: { S: `${sk.S}-${j}` } } },
              })),
            }),
          );
      }
    }
  } finally {
    await client.send(new DeleteTableCommand({ TableName: TABLE }));
    client.destroy();
  }
};
