import {
  type AttributeDefinition,
  CreateTableCommand,
  type DynamoDBClient,
  ResourceInUseException,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import type {
  KeyAttributeModel,
  PlatformModel,
  TableModel,
} from '../../../shared/platformModel/PlatformModel.ts';
import { CATALOG_KEYS } from '../../../shared/runtime/catalog/DynamoDbServiceCatalogStore.ts';
import { LOCAL_NAMES } from '../shared/localNames.ts';

interface TableSpec {
  readonly name: string;
  readonly partitionKey: KeyAttributeModel;
  readonly sortKey: KeyAttributeModel | null;
  readonly indexes: TableModel['indexes'];
  readonly ttlAttribute: string | null;
}

const keySchema = (pk: KeyAttributeModel, sk: KeyAttributeModel | null) => [
  { AttributeName: pk.name, KeyType: 'HASH' as const },
  ...(sk ? [{ AttributeName: sk.name, KeyType: 'RANGE' as const }] : []),
];

const createTable = async (client: DynamoDBClient, spec: TableSpec): Promise<void> => {
  const attributes = new Map<string, AttributeDefinition>();
  for (const key of [
    spec.partitionKey,
    spec.sortKey,
    ...spec.indexes.flatMap((i) => [i.partitionKey, i.sortKey]),
  ]) {
    if (key) attributes.set(key.name, { AttributeName: key.name, AttributeType: key.type });
  }
  try {
    await client.send(
      new CreateTableCommand({
        TableName: spec.name,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [...attributes.values()],
        KeySchema: keySchema(spec.partitionKey, spec.sortKey),
        ...(spec.indexes.length > 0
          ? {
              GlobalSecondaryIndexes: spec.indexes.map((i) => ({
                IndexName: i.name,
                KeySchema: keySchema(i.partitionKey, i.sortKey),
                Projection: { ProjectionType: 'ALL' },
              })),
            }
          : {}),
      }),
    );
  } catch (error) {
    // A persistent data dir already has its tables from the last run.
    if (error instanceof ResourceInUseException) return;
    throw error;
  }
  if (spec.ttlAttribute) {
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: spec.name,
        TimeToLiveSpecification: { AttributeName: spec.ttlAttribute, Enabled: true },
      }),
    );
  }
};

/**
 * Creates every table of the model in DynamoDB Local (physical names `soleil-<tableId>`), and the service
 * catalog table, in parallel; tables that exist already are kept with their data.
 */
export const createModelTables = async (client: DynamoDBClient, model: PlatformModel): Promise<string[]> => {
  const specs: TableSpec[] = [
    ...model.tables.map((t) => ({ ...t, name: LOCAL_NAMES.tableName(t.id) })),
    {
      name: LOCAL_NAMES.catalogTableName,
      partitionKey: { name: CATALOG_KEYS.partitionKey, type: 'S' },
      sortKey: { name: CATALOG_KEYS.sortKey, type: 'S' },
      indexes: [],
      ttlAttribute: null,
    },
  ];
  await Promise.all(specs.map((spec) => createTable(client, spec)));
  return specs.map((s) => s.name);
};
