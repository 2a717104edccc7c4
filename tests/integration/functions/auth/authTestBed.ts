import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { mockClient } from 'aws-sdk-client-mock';
import { ACCESS_TOKEN_SIGNING_KEY } from '../../../../functions/auth/domain/authConstants.ts';
import manifest from '../../../../functions/auth/module.ts';
import { authDependencies } from '../../../../functions/auth/wiring/authDependencies.ts';
import {
  type DynamoDbLocal,
  startDynamoDbLocal,
} from '../../../../infra/local/dynamodb/startDynamoDbLocal.ts';
import { temporaryPrivateFolder } from '../../../../infra/local/privateFolder.ts';
import { LOCAL_AWS_CREDENTIALS, LOCAL_AWS_REGION } from '../../../../infra/local/shared/localNames.ts';
import { eventContracts } from '../../../../shared/contracts/eventCatalog.ts';
import { PLATFORM_ENV, signingKeyEnvVar } from '../../../../shared/contracts/platformEnvironment.ts';
import { buildPlatformModel } from '../../../../shared/platformModel/buildPlatformModel.ts';
import type { HttpEvent } from '../../../../shared/runtime/http/HttpRequest.ts';
import { httpEvent } from '../../../helpers/httpEvents.ts';
import { type LocalOidcIssuer, startLocalOidcIssuer } from '../../../helpers/localOidcIssuer.ts';

/** An event the auth module put on the (mocked) bus. */
export interface PublishedEvent {
  readonly name: string;
  readonly detail: { metadata: Record<string, unknown>; data: Record<string, unknown> };
}

/** DynamoDB Local with the auth tables (created from its model), a local OIDC issuer and a recorded bus. */
export interface AuthTestBed {
  readonly oidc: LocalOidcIssuer;
  readonly dynamo: DynamoDbLocal;
  readonly published: PublishedEvent[];
  /** The private folder holding the signing keys' folders. */
  readonly keysDir: string;
  /** While true, every PutEvents fails (a bus outage): the publisher's retries all fail too. */
  failPublishing: boolean;
  stop(): Promise<void>;
}

/** Starts everything the auth handlers need and points their environment at it. */
export const startAuthTestBed = async (): Promise<AuthTestBed> => {
  const dynamo = await startDynamoDbLocal();
  const oidc = await startLocalOidcIssuer();
  const client = new DynamoDBClient({
    endpoint: dynamo.endpoint,
    region: LOCAL_AWS_REGION,
    credentials: LOCAL_AWS_CREDENTIALS,
  });
  const suffix = Math.random().toString(36).slice(2, 8);
  // The module's tables as the platform makes them: those it declares and the outbox its flag adds.
  const { tables } = buildPlatformModel([manifest], { eventContracts });
  for (const table of tables) {
    const name = `auth-${table.name}-${suffix}`;
    const attributes = new Map<string, 'S' | 'N' | 'B'>();
    for (const k of [
      table.partitionKey,
      table.sortKey,
      ...table.indexes.flatMap((i) => [i.partitionKey, i.sortKey]),
    ]) {
      if (k) attributes.set(k.name, k.type);
    }
    const schema = (pk: { name: string }, sk: { name: string } | null) => [
      { AttributeName: pk.name, KeyType: 'HASH' as const },
      ...(sk ? [{ AttributeName: sk.name, KeyType: 'RANGE' as const }] : []),
    ];
    await client.send(
      new CreateTableCommand({
        TableName: name,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [...attributes].map(([AttributeName, AttributeType]) => ({
          AttributeName,
          AttributeType,
        })),
        KeySchema: schema(table.partitionKey, table.sortKey),
        ...(table.indexes.length > 0
          ? {
              GlobalSecondaryIndexes: table.indexes.map((i) => ({
                IndexName: i.name,
                KeySchema: schema(i.partitionKey, i.sortKey),
                Projection: { ProjectionType: 'ALL' as const },
              })),
            }
          : {}),
      }),
    );
    process.env[table.envVar] = name;
  }
  client.destroy();

  // Where the embedded platform would keep the signing keys: a private folder of their own.
  const keys = temporaryPrivateFolder('soleil-test-keys-');
  // The module's settings start at their manifest defaults, as the renderers set them.
  for (const setting of manifest.config) {
    if (setting.default !== undefined) process.env[setting.name] = setting.default;
  }
  Object.assign(process.env, {
    [signingKeyEnvVar(ACCESS_TOKEN_SIGNING_KEY)]: pathToFileURL(path.join(keys.path, 'auth-access-tokens'))
      .href,
    AWS_REGION: LOCAL_AWS_REGION,
    AWS_ACCESS_KEY_ID: LOCAL_AWS_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_AWS_CREDENTIALS.secretAccessKey,
    AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
    SOLEIL_MODULE: 'auth',
    SOLEIL_STAGE: 'local',
    SOLEIL_EVENT_BUS_NAME: 'soleil-test',
    SOLEIL_AUTH_GOOGLE_ISSUER: oidc.issuer,
    SOLEIL_AUTH_GOOGLE_JWKS_URL: oidc.jwksUrl,
    SOLEIL_AUTH_GOOGLE_CLIENT_ID: oidc.clientId,
    [PLATFORM_ENV.leaderRoutes]: JSON.stringify(
      manifest.routes.filter((r) => r.auth === 'leader').map((r) => `${r.method} ${r.path}`),
    ),
  });
  authDependencies.reset();

  const published: PublishedEvent[] = [];
  const bus = mockClient(EventBridgeClient);
  const bed = { failPublishing: false };
  bus.on(PutEventsCommand).callsFake((input: { Entries?: { DetailType?: string; Detail?: string }[] }) => {
    if (bed.failPublishing)
      throw Object.assign(new Error('EventBridge is down'), { name: 'InternalException' });
    const entries = input.Entries ?? [];
    for (const e of entries)
      published.push({ name: e.DetailType ?? '', detail: JSON.parse(e.Detail ?? '{}') });
    return { FailedEntryCount: 0, Entries: entries.map(() => ({ EventId: crypto.randomUUID() })) };
  });

  return Object.assign(bed, {
    oidc,
    dynamo,
    published,
    keysDir: keys.path,
    stop: async () => {
      bus.restore();
      await oidc.stop();
      await dynamo.stop();
      keys.remove();
    },
  });
};

/** A payload 2.0 route event: `template` is the route's path (`/api/auth/bands/{bandId}/members`). */
export const routeEvent = (
  method: string,
  template: string,
  options: {
    params?: Record<string, string>;
    body?: unknown;
    rawBody?: string;
    identity?: import('../../../../shared/contracts/identity.ts').Identity;
    token?: string;
  } = {},
): HttpEvent => {
  const path = template.replace(/\{(\w+)\}/g, (_m, name: string) => options.params?.[name] ?? name);
  const event = httpEvent({
    method,
    path,
    ...(options.rawBody !== undefined
      ? { body: options.rawBody }
      : options.body === undefined
        ? {}
        : { body: JSON.stringify(options.body) }),
    ...(options.params ? { pathParameters: options.params } : {}),
    ...(options.identity ? { identity: options.identity } : {}),
    ...(options.token ? { headers: { authorization: `Bearer ${options.token}` } } : {}),
  });
  const routeKey = `${method} ${template}`;
  return { ...event, routeKey, requestContext: { ...event.requestContext, routeKey } } as HttpEvent;
};
