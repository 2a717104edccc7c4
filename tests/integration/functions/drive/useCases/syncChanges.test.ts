import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import manifest from '../../../../../functions/drive/module.ts';
import { GoogleDriveAccess } from '../../../../../functions/drive/providers/googleDrive/GoogleDriveAccess.ts';
import { DynamoDbChangeFeedStore } from '../../../../../functions/drive/store/DynamoDbChangeFeedStore.ts';
import { DynamoDbLibraryStore } from '../../../../../functions/drive/store/DynamoDbLibraryStore.ts';
import { DynamoDbSourceStore } from '../../../../../functions/drive/store/DynamoDbSourceStore.ts';
import { DRIVE_TABLES } from '../../../../../functions/drive/store/driveTableNames.ts';
import {
  type SyncChangesDependencies,
  syncChanges,
} from '../../../../../functions/drive/useCases/syncChanges.ts';
import { createModelTables } from '../../../../../infra/local/dynamodb/createModelTables.ts';
import { LOCAL_NAMES } from '../../../../../infra/local/shared/localNames.ts';
import { eventContracts } from '../../../../../shared/contracts/eventCatalog.ts';
import { buildPlatformModel } from '../../../../../shared/platformModel/buildPlatformModel.ts';
import {
  type FakeGoogleDrive,
  startFakeGoogleDrive,
} from '../../../../helpers/fakeGoogleDrive/startFakeGoogleDrive.ts';
import { fakePacing } from '../../../../helpers/fakePacing.ts';
import { googleSource, inMemoryOutbox } from '../../../../helpers/inMemoryDriveStores.ts';
import { type LocalDynamoDb, startLocalDynamoDb } from '../../../../helpers/localDynamoDb.ts';

// syncChanges on the drive's DynamoDB stores and DynamoDB Local, the fake Google Drive over HTTP: the page
// token's conditional Put travels in the TransactWriteItems that commits the batch's last events, and a token
// moved meanwhile cancels that transaction whole.

const table = (name: string): string => LOCAL_NAMES.tableName(`drive-${name}`);
const TABLES = {
  library: table(DRIVE_TABLES.library),
  sources: table(DRIVE_TABLES.sources),
  feed: table(DRIVE_TABLES.changeFeed),
  outbox: table('outbox'),
};

/** One TransactWriteItems the stores sent: each item's kind and table, and what it held. */
interface SentItem {
  readonly kind: string;
  readonly table: string;
  readonly item: Record<string, unknown>;
}

let dynamo: LocalDynamoDb;
let drive: FakeGoogleDrive;
let deps: SyncChangesDependencies;
let feed: DynamoDbChangeFeedStore;
let sources: DynamoDbSourceStore;
let folderA: string;
let folderB: string;
/** Every TransactWriteItems sent, and every single-item write on the change-feed table. */
const transactions: SentItem[][] = [];
const feedPuts: unknown[] = [];
let bands = 0;
let bandA: string;
let bandB: string;

const plain = (value: unknown): Record<string, unknown> => {
  const record = (value ?? {}) as Record<string, unknown>;
  // The document client marshalls before the client's middleware runs: read the attribute values back.
  const marshalled = Object.values(record).every(
    (v) => typeof v === 'object' && v !== null && Object.keys(v).length === 1,
  );
  return marshalled && Object.keys(record).length > 0 ? unmarshall(record as never) : record;
};

beforeAll(async () => {
  dynamo = await startLocalDynamoDb();
  await createModelTables(dynamo.client, buildPlatformModel([manifest], { eventContracts }));
  dynamo.client.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as {
        TransactItems?: Record<string, { TableName: string; Item?: unknown; Key?: unknown }>[];
        TableName?: string;
      };
      if (context.commandName === 'TransactWriteItemsCommand') {
        transactions.push(
          (input.TransactItems ?? []).map((entry) => {
            const [kind, body] = Object.entries(entry)[0] ?? ['?', { TableName: '?' }];
            return { kind, table: body.TableName, item: plain(body.Item ?? body.Key) };
          }),
        );
      }
      if (context.commandName === 'PutItemCommand' && input.TableName === TABLES.feed) feedPuts.push(input);
      return next(args);
    },
    { step: 'initialize', name: 'recordDriveWrites' },
  );
  drive = await startFakeGoogleDrive();
}, 120_000);

afterAll(async () => {
  await drive?.stop();
  await dynamo?.stop();
});

beforeEach(async () => {
  drive.clearFaults();
  const myDrive = drive.state.addHiddenFolder();
  folderA = drive.state.addFolder('Band A', myDrive);
  folderB = drive.state.addFolder('Band B', myDrive);
  // Fresh bands per test: the tables are shared by the file.
  bands++;
  bandA = `band-a${bands}`;
  bandB = `band-b${bands}`;
  sources = new DynamoDbSourceStore(dynamo.client, TABLES.sources);
  await sources.create(googleSource(bandA, folderA));
  await sources.create(googleSource(bandB, folderB));
  feed = new DynamoDbChangeFeedStore(dynamo.client, TABLES.feed);
  const google = new GoogleDriveAccess(async () => drive.serviceAccountKeyJson, {
    apiBaseUrl: drive.apiBaseUrl,
    pacing: fakePacing(),
  });
  deps = {
    sources,
    library: new DynamoDbLibraryStore(dynamo.client, TABLES),
    provider: google,
    changes: google,
    feed,
    outbox: inMemoryOutbox().outbox,
    now: () => new Date(),
  };
  await feed.resetPageToken(drive.clientEmail);
  await syncChanges(deps, 'schedule');
  transactions.length = 0;
  feedPuts.length = 0;
});

/** The events of one band the outbox table holds, as `name:file name` (framing events left out). */
const outboxEvents = async (bandId: string): Promise<string[]> => {
  const { Items } = await dynamo.client.send(new ScanCommand({ TableName: TABLES.outbox }));
  return (Items ?? [])
    .map((item) => unmarshall(item) as { name: string; data: { bandId: string; file?: { name: string } } })
    .filter((event) => event.data.bandId === bandId && !event.name.startsWith('drive.sync_'))
    .map((event) => `${event.name}:${event.data.file?.name}`)
    .sort();
};

const libraryNames = async (bandId: string): Promise<string[]> =>
  (await deps.library.listBand(bandId)).map((entry) => entry.name).sort();

describe('syncChanges on DynamoDB Local', () => {
  it('writes the page token in the same TransactWriteItems as the last band’s events, never alone', async () => {
    const before = await feed.pageToken(drive.clientEmail);
    drive.state.addFile('Together_Bb.pdf', folderA, '%PDF together');
    drive.state.addFile('Together_Eb.pdf', folderB, '%PDF together');

    await syncChanges(deps, 'webhook');

    const after = await feed.pageToken(drive.clientEmail);
    expect(after).not.toBe(before);
    expect(feedPuts).toEqual([]);
    const withToken = transactions.filter((items) => items.some((i) => i.table === TABLES.feed));
    expect(withToken).toHaveLength(1);
    const last = withToken[0] ?? [];
    expect(transactions.at(-1)).toBe(last);
    expect(last.find((i) => i.table === TABLES.feed)).toMatchObject({
      kind: 'Put',
      item: { id: `feed#${drive.clientEmail}`, pageToken: after },
    });
    // The same transaction holds band B's file row, its event and its outcome (the lease's release).
    expect(last.filter((i) => i.table === TABLES.library).map((i) => i.item.name)).toEqual([
      'Together_Eb.pdf',
    ]);
    expect(
      last
        .filter((i) => i.table === TABLES.outbox)
        .map((i) => `${i.item.name}:${(i.item.data as { bandId: string }).bandId}`),
    ).toEqual([`drive.sync_started:${bandB}`, `drive.file_added:${bandB}`, `drive.sync_completed:${bandB}`]);
    expect(last.find((i) => i.table === TABLES.sources)).toMatchObject({
      kind: 'Update',
      item: { bandId: bandB },
    });
    expect(await outboxEvents(bandB)).toEqual(['drive.file_added:Together_Eb.pdf']);
  });

  it('fits a full chunk, its framing events, the lease and the token in one transaction of 100 items', async () => {
    for (let i = 0; i < 48; i++) drive.state.addFile(`Song${i}_Eb.pdf`, folderB, `%PDF ${i}`);

    await syncChanges(deps, 'webhook');

    expect(transactions.map((items) => items.length)).toEqual([100]);
    expect(transactions[0]?.some((i) => i.table === TABLES.feed)).toBe(true);
    expect(await outboxEvents(bandB)).toHaveLength(48);
  });

  it('commits neither the events nor the token when another reader moved the token meanwhile', async () => {
    const before = await feed.pageToken(drive.clientEmail);
    drive.state.addFile('Raced_Bb.pdf', folderA, '%PDF raced');
    drive.state.addFile('Raced_Eb.pdf', folderB, '%PDF raced');
    const read = deps.changes.read.bind(deps.changes);
    const raced: SyncChangesDependencies = {
      ...deps,
      changes: Object.assign(Object.create(deps.changes), {
        read: async (...args: Parameters<typeof read>) => {
          const batch = await read(...args);
          // Another reader applied this batch and moved the token after this run read the feed.
          await feed.savePageToken(
            drive.clientEmail,
            before,
            'moved-by-another-reader',
            new Date().toISOString(),
          );
          return batch;
        },
      }),
    };

    const report = await syncChanges(raced, 'webhook');

    expect(report.synced).toEqual([bandA]);
    // The last transaction was sent with the token, and DynamoDB cancelled all of it.
    expect(transactions.at(-1)?.some((i) => i.table === TABLES.feed)).toBe(true);
    expect(await feed.pageToken(drive.clientEmail)).toBe('moved-by-another-reader');
    expect(await outboxEvents(bandB)).toEqual([]);
    expect(await libraryNames(bandB)).toEqual([]);
    expect(await sources.get(bandB)).toMatchObject({
      lease: null,
      lastError: null,
      lastSync: expect.anything(),
    });
    // Band A's transaction came before, without the token, and stands.
    expect(await outboxEvents(bandA)).toEqual(['drive.file_added:Raced_Bb.pdf']);
    expect(await libraryNames(bandA)).toEqual(['Raced_Bb.pdf']);
  });
});
