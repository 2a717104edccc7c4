import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import manifest from '../../functions/content/module.ts';
import type { LibraryListing } from '../../functions/content/providers/LibraryListing.ts';
import type { UserDirectory } from '../../functions/content/providers/UserDirectory.ts';
import {
  CATALOGUE_TABLE,
  DynamoDbCatalogueStore,
} from '../../functions/content/store/DynamoDbCatalogueStore.ts';
import { DynamoDbGigStore, GIGS_TABLE } from '../../functions/content/store/DynamoDbGigStore.ts';
import { DynamoDbMemberStore, MEMBERS_TABLE } from '../../functions/content/store/DynamoDbMemberStore.ts';
import type { ContentDependencies } from '../../functions/content/useCases/ContentDependencies.ts';
import { type DynamoDbLocal, startDynamoDbLocal } from '../../infra/local/dynamodb/startDynamoDbLocal.ts';
import { LOCAL_AWS_CREDENTIALS, LOCAL_AWS_REGION } from '../../infra/local/shared/localNames.ts';
import type { Instrument, Role } from '../../shared/contracts/bandVocabulary.ts';
import { eventContracts } from '../../shared/contracts/eventCatalog.ts';
import type { LibraryFile } from '../../shared/contracts/events/driveEvents.ts';
import { buildPlatformModel } from '../../shared/platformModel/buildPlatformModel.ts';
import { DynamoDbOutboxStore, type EventToPublish, outboxOver } from '../../shared/runtime/index.ts';

/** DynamoDB Local with content's tables (from its model), and content's dependencies over them. */
export interface ContentTestBed {
  readonly dynamo: DynamoDbLocal;
  /** The table names the bed created, by manifest name (`catalogue`, `members`, `gigs`, `outbox`). */
  readonly tables: Readonly<Record<string, string>>;
  /** Every DynamoDB command content's stores sent, by command name (a test empties it: `calls.length = 0`). */
  readonly calls: string[];
  /** What content published, in order. */
  readonly published: EventToPublish[];
  /** What auth answers about a user in a band content has not heard of (`band/user` → membership). */
  readonly directory: Map<string, { role: Role | null; instruments: Instrument[] }>;
  /** Drive's listing per band (what `library_service.listFiles` would page through). */
  readonly library: Map<string, LibraryFile[]>;
  /** The current time of the dependencies (tests move it). */
  now: Date;
  readonly deps: ContentDependencies;
  stop(): Promise<void>;
}

const tableName = (name: string, suffix: string) => `content-${name}-${suffix}`;

/** Starts DynamoDB Local, creates content's tables and points `SOLEIL_TABLE_*` at them (for the handlers). */
export const startContentTestBed = async (): Promise<ContentTestBed> => {
  const dynamo = await startDynamoDbLocal();
  const clientConfig = {
    endpoint: dynamo.endpoint,
    region: LOCAL_AWS_REGION,
    credentials: LOCAL_AWS_CREDENTIALS,
  };
  const admin = new DynamoDBClient(clientConfig);
  const suffix = Math.random().toString(36).slice(2, 8);
  const tables: Record<string, string> = {};
  // The module's tables as the platform makes them: those it declares and the outbox its flag adds.
  for (const table of buildPlatformModel([manifest], { eventContracts }).tables) {
    const name = tableName(table.name, suffix);
    const keys = [table.partitionKey, ...(table.sortKey ? [table.sortKey] : [])];
    await admin.send(
      new CreateTableCommand({
        TableName: name,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: keys.map((k) => ({ AttributeName: k.name, AttributeType: k.type })),
        KeySchema: keys.map((k, i) => ({ AttributeName: k.name, KeyType: i === 0 ? 'HASH' : 'RANGE' })),
      }),
    );
    tables[table.name] = name;
    process.env[table.envVar] = name;
  }

  // The stores' client counts what it sends: one entry per command (retries of one command are not new calls).
  const calls: string[] = [];
  const client = new DynamoDBClient(clientConfig);
  client.middlewareStack.add(
    (next, context) => async (args) => {
      calls.push(String(context.commandName));
      return next(args);
    },
    { step: 'initialize', name: 'countContentCalls' },
  );

  const published: EventToPublish[] = [];
  const directory = new Map<string, { role: Role | null; instruments: Instrument[] }>();
  const library = new Map<string, LibraryFile[]>();
  const userDirectory: UserDirectory = {
    membership: async (bandId, userId) =>
      directory.get(`${bandId}/${userId}`) ?? { role: null, instruments: [] },
  };
  const listing: LibraryListing = { files: async (bandId) => [...(library.get(bandId) ?? [])] };
  let ids = 0;
  const bed = {
    dynamo,
    tables,
    calls,
    published,
    directory,
    library,
    now: new Date('2026-06-01T12:00:00.000Z'),
  } as ContentTestBed;
  const outbox = outboxOver('content', {
    store: new DynamoDbOutboxStore(admin, tables.outbox ?? ''),
    publisher: {
      publish: async (name, data, options) => {
        published.push({ name, data, options } as EventToPublish);
        return crypto.randomUUID();
      },
      publishAll: async (events) => {
        published.push(...events);
        return events.map(() => crypto.randomUUID());
      },
    },
    logger: { info: () => undefined, warn: () => undefined, error: () => undefined },
    metrics: { addMetric: () => undefined } as never,
    now: () => bed.now,
  });
  const deps: ContentDependencies = {
    catalogue: new DynamoDbCatalogueStore(client, {
      catalogue: tables[CATALOGUE_TABLE] ?? '',
      outbox: tables.outbox ?? '',
    }),
    members: new DynamoDbMemberStore(client, tables[MEMBERS_TABLE] ?? ''),
    gigs: new DynamoDbGigStore(client, { gigs: tables[GIGS_TABLE] ?? '', outbox: tables.outbox ?? '' }),
    outbox,
    directory: userDirectory,
    library: listing,
    now: () => bed.now,
    newId: () => {
      ids += 1;
      return `id-${suffix}-${ids}`;
    },
  };
  return Object.assign(bed, {
    deps,
    stop: async () => {
      client.destroy();
      admin.destroy();
      await dynamo.stop();
    },
  });
};
