import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SourceEntry } from '../../../../../functions/drive/domain/libraryEntry.ts';
import { createGoogleDriveProvider } from '../../../../../functions/drive/providers/googleDrive/createGoogleDriveProvider.ts';
import type {
  LibraryListing,
  LibrarySource,
} from '../../../../../functions/drive/providers/LibrarySource.ts';
import {
  SYNC_CHUNK_CAPACITY,
  type SyncLibraryDependencies,
  syncLibrary,
} from '../../../../../functions/drive/useCases/syncLibrary.ts';
import {
  type FakeGoogleDrive,
  startFakeGoogleDrive,
} from '../../../../helpers/fakeGoogleDrive/startFakeGoogleDrive.ts';
import { fakePacing } from '../../../../helpers/fakePacing.ts';
import {
  folderSource,
  InMemoryChangeFeedStore,
  InMemoryLibraryStore,
  InMemorySourceStore,
  inMemoryOutbox,
} from '../../../../helpers/inMemoryDriveStores.ts';

const pdf = (i: number, overrides: Partial<SourceEntry> = {}): SourceEntry => ({
  kind: 'file',
  fileId: `f${String(i).padStart(4, '0')}`,
  name: `Song${i}_Bb.pdf`,
  path: `Song${i}_Bb.pdf`,
  folderId: null,
  mimeType: 'application/pdf',
  sizeBytes: 100 + i,
  checksum: `sha256:${i}`,
  modifiedAt: '2026-11-29T10:00:00.000Z',
  ...overrides,
});

/** A source listing whatever the test sets. */
class ListedSource implements LibrarySource {
  entries: SourceEntry[] = [];
  async list(): Promise<LibraryListing> {
    return { entries: this.entries, refused: [], unsettled: [] };
  }
  async download(): Promise<never> {
    throw new Error('not used');
  }
}

let sources: InMemorySourceStore;
let library: InMemoryLibraryStore;
let provider: ListedSource;
let published: ReturnType<typeof inMemoryOutbox>['published'];
let deps: SyncLibraryDependencies;
const names = () => published.map((e) => e.name);
const sync = () => syncLibrary(deps, { bandId: 'band-1', trigger: 'manual', requestedBy: 'u-1' });

beforeEach(() => {
  sources = new InMemorySourceStore();
  library = new InMemoryLibraryStore(sources);
  provider = new ListedSource();
  const memory = inMemoryOutbox();
  published = memory.published;
  deps = { sources, library, provider, outbox: memory.outbox, now: () => new Date() };
  sources.rows.set('band-1', folderSource('band-1'));
});

describe('syncLibrary', () => {
  it('frames the changes with sync_started and sync_completed, counts them and records the outcome', async () => {
    provider.entries = [pdf(1), pdf(2)];
    const outcome = await sync();
    expect(names()).toEqual([
      'drive.sync_started',
      'drive.file_added',
      'drive.file_added',
      'drive.sync_completed',
    ]);
    expect(outcome).toMatchObject({ added: 2, changed: 0, removed: 0, unchanged: 0, trigger: 'manual' });
    expect(published.at(-1)?.data).toMatchObject({ added: 2, syncId: outcome.syncId });
    expect(sources.rows.get('band-1')).toMatchObject({ fileCount: 2, lease: null, lastError: null });
    published.length = 0;
    await sync();
    expect(names()).toEqual(['drive.sync_started', 'drive.sync_completed']);
  });

  it('commits a large sync in chunks of at most 100 items, each file’s row with its event', async () => {
    provider.entries = Array.from({ length: 500 }, (_, i) => pdf(i));
    await sync();
    expect(library.commits).toBeGreaterThan(1);
    expect(library.largestCommit).toBeLessThanOrEqual(100);
    expect(library.largestCommit).toBeGreaterThan(SYNC_CHUNK_CAPACITY / 2);
    expect(names().filter((n) => n === 'drive.file_added')).toHaveLength(500);
    expect(names()[0]).toBe('drive.sync_started');
    expect(names().at(-1)).toBe('drive.sync_completed');
  });

  it('after a crash between chunks, the next sync announces only what was not committed: nothing lost, nothing twice', async () => {
    provider.entries = Array.from({ length: 300 }, (_, i) => pdf(i));
    library.failCommitNumber = 3;
    await expect(sync()).rejects.toThrow('crashed');
    expect(names()).not.toContain('drive.sync_completed');
    expect(sources.rows.get('band-1')?.lastError?.message).toContain('crashed');
    library.failCommitNumber = null;
    await sync();
    const added = published
      .filter((e) => e.name === 'drive.file_added')
      .map((e) => (e.data as { file: { fileId: string } }).file.fileId);
    expect(added).toHaveLength(300);
    expect(new Set(added).size).toBe(300);
    expect(sources.rows.get('band-1')).toMatchObject({ fileCount: 300, lastError: null });
  });

  it('commits the caller’s final items in the last chunk’s transaction only, and refuses more than it has room for', async () => {
    const feed = new InMemoryChangeFeedStore();
    library = new InMemoryLibraryStore(sources, [feed]);
    deps = { ...deps, library };
    provider.entries = Array.from({ length: 300 }, (_, i) => pdf(i));
    const token = feed.pageTokenWrite('account', null, 'next', new Date().toISOString());
    await syncLibrary(deps, { bandId: 'band-1', trigger: 'webhook', requestedBy: null, finalItems: [token] });
    expect(library.transactions.length).toBeGreaterThan(1);
    expect(library.transactions.map((t) => t.chunk.alsoWrite !== undefined)).toEqual([
      ...library.transactions.slice(1).map(() => false),
      true,
    ]);
    expect(library.largestCommit).toBeLessThanOrEqual(100);
    expect(await feed.pageToken('account')).toBe('next');

    const second = feed.pageTokenWrite('account', 'next', 'after', new Date().toISOString());
    await expect(
      syncLibrary(deps, {
        bandId: 'band-1',
        trigger: 'webhook',
        requestedBy: null,
        finalItems: [token, second],
      }),
    ).rejects.toThrow('room for 1');
    expect(await feed.pageToken('account')).toBe('next');
  });

  it('refuses a second sync of the same band while one holds the lease (409)', async () => {
    await sources.acquireLease(
      'band-1',
      'other',
      new Date().toISOString(),
      new Date(Date.now() + 60_000).toISOString(),
    );
    await expect(sync()).rejects.toMatchObject({ status: 409, type: 'library-sync-in-progress' });
    expect(published).toEqual([]);
  });

  it('refuses an unknown band (404) and an unbound Google Drive library (409)', async () => {
    await expect(
      syncLibrary(deps, { bandId: 'nope', trigger: 'manual', requestedBy: null }),
    ).rejects.toMatchObject({ status: 404 });
    sources.rows.set('band-1', { ...folderSource('band-1'), provider: 'google-drive' });
    await expect(sync()).rejects.toMatchObject({ status: 409, type: 'library-source-not-bound' });
  });
});

describe('syncLibrary over Google Drive (the fake), with rate limits', () => {
  let drive: FakeGoogleDrive;
  let folderId: string;
  beforeAll(async () => {
    drive = await startFakeGoogleDrive();
    folderId = drive.state.addFolder('Band', drive.state.addHiddenFolder());
    for (let i = 0; i < 5; i++) drive.state.addFile(`Song${i}_Bb.pdf`, folderId, `%PDF ${i}`);
  });
  afterAll(() => drive.stop());

  it('completes after 429 three times, then 200, and loses nothing', async () => {
    const google = createGoogleDriveProvider({
      serviceAccountKeyJson: drive.serviceAccountKeyJson,
      apiBaseUrl: drive.apiBaseUrl,
      pacing: fakePacing(),
    });
    sources.rows.set('band-1', {
      ...folderSource('band-1'),
      provider: 'google-drive',
      sourceFolderId: folderId,
    });
    drive.injectFaults({ status: 429 }, { status: 429 }, { status: 429 });
    const outcome = await syncLibrary(
      { ...deps, provider: google.source },
      { bandId: 'band-1', trigger: 'schedule', requestedBy: null },
    );
    expect(outcome.added).toBe(5);
    expect(names().filter((n) => n === 'drive.file_added')).toHaveLength(5);
    expect(names().at(-1)).toBe('drive.sync_completed');
    expect(drive.requests.filter((r) => r.status === 429)).toHaveLength(3);
  });

  it('fails visibly when Drive stays unavailable: no sync_completed, the error on the source, resumed next time', async () => {
    const google = createGoogleDriveProvider({
      serviceAccountKeyJson: drive.serviceAccountKeyJson,
      apiBaseUrl: drive.apiBaseUrl,
      pacing: fakePacing(),
    });
    sources.rows.set('band-1', {
      ...folderSource('band-1'),
      provider: 'google-drive',
      sourceFolderId: folderId,
    });
    drive.failAlways({ status: 503, operation: 'files.list' });
    const run = () =>
      syncLibrary(
        { ...deps, provider: google.source },
        { bandId: 'band-1', trigger: 'schedule', requestedBy: null },
      );
    await expect(run()).rejects.toMatchObject({ status: 503 });
    expect(names()).toEqual([]);
    expect(sources.rows.get('band-1')?.lastError?.message).toContain('DriveUnavailableError');
    drive.clearFaults();
    await run();
    expect(names().filter((n) => n === 'drive.file_added')).toHaveLength(5);
    expect(sources.rows.get('band-1')?.lastError).toBeNull();
  });
});
