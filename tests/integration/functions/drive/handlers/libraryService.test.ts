import '../../../../helpers/quietPowertools.ts';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SourceEntry } from '../../../../../functions/drive/domain/libraryEntry.ts';
import { handler } from '../../../../../functions/drive/handlers/libraryService.ts';
import manifest from '../../../../../functions/drive/module.ts';
import type {
  LibraryListing,
  LibrarySource,
} from '../../../../../functions/drive/providers/LibrarySource.ts';
import { DynamoDbLibraryStore } from '../../../../../functions/drive/store/DynamoDbLibraryStore.ts';
import { DynamoDbSourceStore } from '../../../../../functions/drive/store/DynamoDbSourceStore.ts';
import { syncLibrary } from '../../../../../functions/drive/useCases/syncLibrary.ts';
import {
  type DynamoDbLocal,
  startDynamoDbLocal,
} from '../../../../../infra/local/dynamodb/startDynamoDbLocal.ts';
import { LOCAL_AWS_CREDENTIALS, LOCAL_AWS_REGION } from '../../../../../infra/local/shared/localNames.ts';
import { eventContracts } from '../../../../../shared/contracts/eventCatalog.ts';
import type { LibraryFile } from '../../../../../shared/contracts/events/driveEvents.ts';
import { buildPlatformModel } from '../../../../../shared/platformModel/buildPlatformModel.ts';
import type { ServiceResponse } from '../../../../../shared/runtime/services/ServiceInvocation.ts';
import { lambdaContext } from '../../../../helpers/httpEvents.ts';
import { folderSource, inMemoryOutbox } from '../../../../helpers/inMemoryDriveStores.ts';

// The real library_service: its Lambda handler, the use case and DynamoDbLibraryStore.pageFiles on DynamoDB
// Local, over a library a real sync wrote (1,203 files in 30 folders for band-1, 3 files for band-2).

const ENV = [
  'AWS_ENDPOINT_URL_DYNAMODB',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'SOLEIL_MODULE',
  'SOLEIL_DRIVE_PROVIDER',
  'SOLEIL_LIBRARY_DIR',
] as const;
const saved = Object.fromEntries(ENV.map((k) => [k, process.env[k]]));
let dynamo: DynamoDbLocal;
const envVars: string[] = [];

const file = (i: number, folder: number): SourceEntry => ({
  kind: 'file',
  fileId: `f${String(i).padStart(5, '0')}`,
  name: `Song${i}_Bb.pdf`,
  path: `Folder${folder}/Song${i}_Bb.pdf`,
  folderId: `d${String(folder).padStart(3, '0')}`,
  mimeType: 'application/pdf',
  sizeBytes: 1000 + i,
  checksum: `sha256:${i}`,
  modifiedAt: '2026-11-29T10:00:00.000Z',
});
const folder = (n: number): SourceEntry => ({
  kind: 'folder',
  fileId: `d${String(n).padStart(3, '0')}`,
  name: `Folder${n}`,
  path: `Folder${n}`,
  folderId: null,
  mimeType: 'application/vnd.google-apps.folder',
  sizeBytes: 0,
  checksum: null,
  modifiedAt: '2026-11-29T10:00:00.000Z',
});
const listing = (entries: SourceEntry[]): LibrarySource => ({
  list: async (): Promise<LibraryListing> => ({ entries, refused: [], unsettled: [] }),
  download: async () => {
    throw new Error('not used');
  },
});

const listFiles = async (input: Record<string, unknown>): Promise<ServiceResponse> =>
  handler(
    { operation: 'listFiles', input, caller: 'content', correlationId: 'corr-list' },
    lambdaContext('drive-libraryService'),
  );
type Page = { files: LibraryFile[]; nextCursor: string | null };
const page = async (input: Record<string, unknown>): Promise<Page> => {
  const response = await listFiles(input);
  if (!response.ok) throw new Error(`listFiles failed: ${JSON.stringify(response.error)}`);
  return response.output as Page;
};
const everyPage = async (bandId: string, limit: number): Promise<Page[]> => {
  const pages: Page[] = [];
  let cursor: string | null = null;
  do {
    const next = await page({ bandId, cursor, limit });
    pages.push(next);
    cursor = next.nextCursor;
  } while (cursor !== null);
  return pages;
};

const BAND_ONE_FILES = 1203;

beforeAll(async () => {
  dynamo = await startDynamoDbLocal();
  process.env.AWS_ENDPOINT_URL_DYNAMODB = dynamo.endpoint;
  process.env.AWS_ACCESS_KEY_ID = LOCAL_AWS_CREDENTIALS.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = LOCAL_AWS_CREDENTIALS.secretAccessKey;
  process.env.SOLEIL_MODULE = 'drive';
  process.env.SOLEIL_DRIVE_PROVIDER = 'folder';
  process.env.SOLEIL_LIBRARY_DIR = '/nonexistent-library-root';
  const client = new DynamoDBClient({
    endpoint: dynamo.endpoint,
    region: LOCAL_AWS_REGION,
    credentials: LOCAL_AWS_CREDENTIALS,
  });
  const names: Record<string, string> = {};
  // Drive's tables as the platform makes them (its declared ones and the outbox), under this test's names.
  for (const table of buildPlatformModel([manifest], { eventContracts }).tables) {
    const name = `drive-list-${table.name}`;
    const keys = [table.partitionKey, ...(table.sortKey ? [table.sortKey] : [])];
    await client.send(
      new CreateTableCommand({
        TableName: name,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: keys.map((k) => ({ AttributeName: k.name, AttributeType: k.type })),
        KeySchema: keys.map((k, i) => ({ AttributeName: k.name, KeyType: i === 0 ? 'HASH' : 'RANGE' })),
      }),
    );
    names[table.name] = name;
    process.env[table.envVar] = name;
    envVars.push(table.envVar);
  }
  const sources = new DynamoDbSourceStore(client, names.sources ?? '');
  const library = new DynamoDbLibraryStore(client, {
    library: names.library ?? '',
    sources: names.sources ?? '',
    outbox: names.outbox ?? '',
  });
  const bands: Record<string, SourceEntry[]> = {
    'band-1': [
      ...Array.from({ length: 30 }, (_, n) => folder(n)),
      ...Array.from({ length: BAND_ONE_FILES }, (_, i) => file(i, i % 30)),
    ],
    'band-2': [folder(0), file(90_001, 0), file(90_002, 0), file(90_003, 0)],
  };
  for (const [bandId, entries] of Object.entries(bands)) {
    await sources.create(folderSource(bandId));
    await syncLibrary(
      {
        sources,
        library,
        provider: listing(entries),
        outbox: inMemoryOutbox().outbox,
        now: () => new Date(),
      },
      { bandId, trigger: 'manual', requestedBy: null },
    );
  }
  client.destroy();
}, 180_000);

afterAll(async () => {
  for (const key of [...ENV, ...envVars]) {
    if (saved[key] === undefined) delete process.env[key];
    else process.env[key] = saved[key];
  }
  await dynamo?.stop();
});

describe('library_service.listFiles on the drive’s own code and table', () => {
  it('pages through more than one page: every file once, in file-id order, no folder', async () => {
    const pages = await everyPage('band-1', 500);
    expect(pages.map((p) => p.files.length)).toEqual([500, 500, 203]);
    const ids = pages.flatMap((p) => p.files.map((f) => f.fileId));
    expect(ids).toHaveLength(BAND_ONE_FILES);
    expect(new Set(ids).size).toBe(BAND_ONE_FILES);
    expect(ids).toEqual([...ids].sort());
    expect(ids.every((id) => id.startsWith('f'))).toBe(true);
    expect(pages.at(-1)?.nextCursor).toBeNull();
    const first = pages[0]?.files[0];
    expect(first).toMatchObject({
      fileId: 'f00000',
      name: 'Song0_Bb.pdf',
      path: 'Folder0/Song0_Bb.pdf',
      folderId: 'd000',
      checksum: 'sha256:0',
      version: 1,
    });
  });

  it('continues exactly after the cursor it answered, with the default page size', async () => {
    const first = await page({ bandId: 'band-1', limit: 7 });
    expect(first.files.map((f) => f.fileId)).toEqual([
      'f00000',
      'f00001',
      'f00002',
      'f00003',
      'f00004',
      'f00005',
      'f00006',
    ]);
    const second = await page({ bandId: 'band-1', cursor: first.nextCursor });
    expect(second.files[0]?.fileId).toBe('f00007');
    expect(second.files).toHaveLength(500);
    // The same cursor again answers the same page: nothing is consumed.
    const again = await page({ bandId: 'band-1', cursor: first.nextCursor });
    expect(again.files.map((f) => f.fileId)).toEqual(second.files.map((f) => f.fileId));
  });

  it('keeps bands apart: another band’s listing holds only its own files', async () => {
    const pages = await everyPage('band-2', 2);
    expect(pages.flatMap((p) => p.files.map((f) => f.fileId))).toEqual(['f90001', 'f90002', 'f90003']);
  });

  it('refuses a cursor from another band’s listing with invalid-library-cursor (400)', async () => {
    const bandTwo = await page({ bandId: 'band-2', limit: 1 });
    expect(bandTwo.nextCursor).not.toBeNull();
    const response = await listFiles({ bandId: 'band-1', cursor: bandTwo.nextCursor, limit: 5 });
    expect(response).toMatchObject({ ok: false, error: { status: 400, type: 'invalid-library-cursor' } });
  });

  it('refuses unreadable and altered cursors with invalid-library-cursor (400)', async () => {
    const issued = (await page({ bandId: 'band-1', limit: 3 })).nextCursor ?? '';
    const content = JSON.parse(Buffer.from(issued, 'base64url').toString('utf8')) as Record<string, unknown>;
    const forged = [
      'not-a-cursor',
      Buffer.from('{"after":"f00010"}').toString('base64url'),
      Buffer.from(JSON.stringify({ ...content, bandId: 'band-2' })).toString('base64url'),
      Buffer.from(JSON.stringify({ ...content, extra: 1 })).toString('base64url'),
      Buffer.from(JSON.stringify({ ...content, after: '' })).toString('base64url'),
      Buffer.from('[1,2,3]').toString('base64url'),
    ];
    for (const cursor of forged) {
      const response = await listFiles({ bandId: 'band-1', cursor, limit: 5 });
      expect(response, cursor).toMatchObject({
        ok: false,
        error: { status: 400, type: 'invalid-library-cursor' },
      });
    }
  });

  it('answers 404 library-not-found for a band the drive has no library for, 400 for bad input', async () => {
    expect(await listFiles({ bandId: 'band-unknown' })).toMatchObject({
      ok: false,
      error: { status: 404, type: 'library-not-found' },
    });
    expect(await listFiles({ bandId: 'band-1', limit: 0 })).toMatchObject({
      ok: false,
      error: { status: 400 },
    });
  });
});
