import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  ScanCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { batchWriteAll } from '../storage/batchWriteAll.ts';
import { documentClient } from '../storage/documentClient.ts';
import { type HealthReport, ModuleEntry, ServiceEntry } from './CatalogItems.ts';
import type { ServiceCatalogStore } from './ServiceCatalogStore.ts';

/** Key schema of the catalog table: one partition per kind, the sort key names the entry. */
export const CATALOG_KEYS = { partitionKey: 'pk', sortKey: 'sk' } as const;
const MODULE_PK = 'MODULE';
const SERVICE_PK = 'SERVICE';

const serviceKey = (module: string, service: string): string => `${module}#${service}`;

/** The service catalog on DynamoDB: a small table, read through a per-container cache by the service client. */
export class DynamoDbServiceCatalogStore implements ServiceCatalogStore {
  private readonly doc: DynamoDBDocumentClient;

  constructor(
    client: DynamoDBClient,
    private readonly tableName: string,
  ) {
    this.doc = documentClient(client);
  }

  async listModules(): Promise<ModuleEntry[]> {
    const items = await this.queryPartition(MODULE_PK);
    return items.map((item) => ModuleEntry.parse(item)).sort((a, b) => a.name.localeCompare(b.name));
  }

  async getModule(name: string): Promise<ModuleEntry | undefined> {
    const result = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: { pk: MODULE_PK, sk: name } }),
    );
    return result.Item ? ModuleEntry.parse(result.Item) : undefined;
  }

  async getService(module: string, service: string): Promise<ServiceEntry | undefined> {
    const result = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: { pk: SERVICE_PK, sk: serviceKey(module, service) } }),
    );
    return result.Item ? ServiceEntry.parse(result.Item) : undefined;
  }

  async replaceAll(entries: {
    modules: readonly ModuleEntry[];
    services: readonly ServiceEntry[];
  }): Promise<void> {
    // Health survives a redeploy of the same module: only the declared fields are replaced.
    const previous = new Map((await this.listModules()).map((m) => [m.name, m]));
    const puts = [
      ...entries.modules.map((m) => {
        const before = previous.get(m.name);
        const health = before
          ? {
              status: before.status,
              checkedAt: before.checkedAt,
              latencyMs: before.latencyMs,
              detail: before.detail,
            }
          : {};
        return { pk: MODULE_PK, sk: m.name, ...m, ...health };
      }),
      ...entries.services.map((s) => ({ pk: SERVICE_PK, sk: serviceKey(s.module, s.name), ...s })),
    ];
    const wanted = new Set(puts.map((p) => `${p.pk}|${p.sk}`));
    const existingKeys: Record<string, unknown>[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.doc.send(
        new ScanCommand({
          TableName: this.tableName,
          ProjectionExpression: 'pk, sk',
          ExclusiveStartKey: startKey,
        }),
      );
      existingKeys.push(...(page.Items ?? []));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    const deletes = existingKeys
      .filter((item) => !wanted.has(`${item.pk}|${item.sk}`))
      .map((item) => ({ DeleteRequest: { Key: { pk: item.pk, sk: item.sk } } }));
    const requests = [...puts.map((Item) => ({ PutRequest: { Item } })), ...deletes];
    await batchWriteAll(this.doc, this.tableName, requests);
  }

  async recordHealth(module: string, report: HealthReport): Promise<void> {
    await this.doc.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { pk: MODULE_PK, sk: module },
        ConditionExpression: 'attribute_exists(pk)',
        UpdateExpression:
          'SET #status = :status, checkedAt = :checkedAt, latencyMs = :latencyMs, detail = :detail',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':status': report.status,
          ':checkedAt': report.checkedAt,
          ':latencyMs': report.latencyMs,
          ':detail': report.detail,
        },
      }),
    );
  }

  private async queryPartition(pk: string): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.doc.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': pk },
          ExclusiveStartKey: startKey,
        }),
      );
      items.push(...(page.Items ?? []));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return items;
  }
}
