import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GoogleDriveAccess } from '../../../../../functions/drive/providers/googleDrive/GoogleDriveAccess.ts';
import {
  ChangesNotAppliedError,
  type SyncChangesDependencies,
  syncChanges,
} from '../../../../../functions/drive/useCases/syncChanges.ts';
import {
  type FakeGoogleDrive,
  startFakeGoogleDrive,
} from '../../../../helpers/fakeGoogleDrive/startFakeGoogleDrive.ts';
import { fakePacing } from '../../../../helpers/fakePacing.ts';
import {
  googleSource,
  InMemoryChangeFeedStore,
  InMemoryLibraryStore,
  InMemorySourceStore,
  inMemoryOutbox,
} from '../../../../helpers/inMemoryDriveStores.ts';

let drive: FakeGoogleDrive;
let sources: InMemorySourceStore;
let library: InMemoryLibraryStore;
let feed: InMemoryChangeFeedStore;
let published: ReturnType<typeof inMemoryOutbox>['published'];
let deps: SyncChangesDependencies;
let folderA: string;
let folderB: string;
let outside: string;

beforeAll(async () => {
  drive = await startFakeGoogleDrive();
});
afterAll(async () => {
  await drive.stop();
});
beforeEach(() => {
  drive.clearFaults();
  const myDrive = drive.state.addHiddenFolder();
  folderA = drive.state.addFolder('Band A', myDrive);
  folderB = drive.state.addFolder('Band B', myDrive);
  outside = drive.state.addFolder('Private', myDrive);
  sources = new InMemorySourceStore();
  sources.rows.set('band-a', googleSource('band-a', folderA));
  sources.rows.set('band-b', googleSource('band-b', folderB));
  feed = new InMemoryChangeFeedStore();
  library = new InMemoryLibraryStore(sources, [feed]);
  const outbox = inMemoryOutbox();
  published = outbox.published;
  const google = new GoogleDriveAccess(async () => drive.serviceAccountKeyJson, {
    apiBaseUrl: drive.apiBaseUrl,
    pacing: fakePacing(),
  });
  deps = {
    sources,
    library,
    provider: google,
    changes: google,
    feed,
    outbox: outbox.outbox,
    now: () => new Date(),
  };
});

const account = () => drive.clientEmail;
/** The drive events published since the last call, as `name:band:file name` (framing events left out). */
let seen = 0;
const newEvents = (): string[] => {
  const fresh = published.slice(seen);
  seen = published.length;
  return fresh
    .filter((e) => !e.name.startsWith('drive.sync_'))
    .map((e) => {
      const data = e.data as { bandId: string; file?: { name: string }; name?: string };
      return `${e.name}:${data.bandId}:${data.file?.name ?? data.name}`;
    })
    .sort();
};

describe('syncChanges', () => {
  it('lists every library in full when no page token is stored, then keeps the start token', async () => {
    drive.state.addFile('Existing_Bb.pdf', folderA, '%PDF one');
    seen = published.length;
    const report = await syncChanges(deps, 'schedule');
    expect(report.mode).toBe('full');
    expect([...report.synced].sort()).toEqual(['band-a', 'band-b']);
    expect(newEvents()).toEqual(['drive.file_added:band-a:Existing_Bb.pdf']);
    expect(await feed.pageToken(account())).toBe(await deps.changes.startPageToken());
  });

  it('applies only what the feed reports, per band, subfolders included, and moves the token on', async () => {
    await syncChanges(deps, 'schedule');
    seen = published.length;
    const listingsBefore = drive.requests.filter((r) => r.operation === 'files.list').length;
    const charts = drive.state.addFolder('Charts', folderA);
    drive.state.addFile('AllOfMe_Bb.pdf', charts, '%PDF all of me');
    drive.state.addFile('Misty.mp3', folderB, 'ID3 misty', 'audio/mpeg');
    drive.state.addFile('Taxes.pdf', outside, '%PDF private');

    const report = await syncChanges(deps, 'webhook');

    expect(report.mode).toBe('incremental');
    expect(newEvents()).toEqual([
      'drive.file_added:band-a:AllOfMe_Bb.pdf',
      'drive.file_added:band-b:Misty.mp3',
      'drive.folder_created:band-a:Charts',
    ]);
    const paths = (await library.listBand('band-a')).map((e) => e.path).sort();
    expect(paths).toEqual(['Charts', 'Charts/AllOfMe_Bb.pdf']);
    expect(await feed.pageToken(account())).toBe(await deps.changes.startPageToken());
    // A new folder with its file came by the feed alone: no listing of band B; band A gained a folder,
    // which the feed does not describe, so it alone was listed.
    const listings = drive.requests.filter((r) => r.operation === 'files.list').slice(listingsBefore);
    expect(listings.map((r) => r.query.q).filter((q) => q?.includes(folderB))).toEqual([]);
    // Nothing new: an empty read publishes nothing.
    await syncChanges(deps, 'webhook');
    expect(newEvents()).toEqual([]);
  });

  it('reports a rename as a change, a trashed file as a removal, and a move between bands as both', async () => {
    const moving = drive.state.addFile('Moving_Bb.pdf', folderA, '%PDF moving');
    const renamed = drive.state.addFile('Old_Bb.pdf', folderA, '%PDF old');
    const trashed = drive.state.addFile('Gone_Bb.pdf', folderA, '%PDF gone');
    await syncChanges(deps, 'schedule');
    seen = published.length;

    drive.state.rename(renamed, 'New_Bb.pdf');
    drive.state.trash(trashed);
    drive.state.move(moving, folderB);
    await syncChanges(deps, 'webhook');

    expect(newEvents()).toEqual([
      'drive.file_added:band-b:Moving_Bb.pdf',
      'drive.file_changed:band-a:New_Bb.pdf',
      'drive.file_removed:band-a:Gone_Bb.pdf',
      'drive.file_removed:band-a:Moving_Bb.pdf',
    ]);
    expect((await library.listBand('band-a')).map((e) => e.name)).toEqual(['New_Bb.pdf']);
    expect((await library.holdersOf([moving])).get(moving)).toBe('band-b');
  });

  it('keeps the token when a band cannot take its changes, and applies them once on the next read', async () => {
    await syncChanges(deps, 'schedule');
    const token = await feed.pageToken(account());
    seen = published.length;
    drive.state.addFile('Busy_Bb.pdf', folderA, '%PDF busy');
    const row = sources.rows.get('band-a');
    if (!row) throw new Error('no band-a');
    sources.rows.set('band-a', { ...row, lease: { syncId: 'other', until: '2999-01-01T00:00:00.000Z' } });

    await expect(syncChanges(deps, 'webhook')).rejects.toBeInstanceOf(ChangesNotAppliedError);
    expect(await feed.pageToken(account())).toBe(token);
    expect(newEvents()).toEqual([]);

    sources.rows.set('band-a', { ...row, lease: null });
    await syncChanges(deps, 'webhook');
    await syncChanges(deps, 'webhook');
    expect(newEvents()).toEqual(['drive.file_added:band-a:Busy_Bb.pdf']);
  });

  it('publishes nothing twice after a crash before the last band’s commit, which carries the token: the changes come again, the first band’s already applied', async () => {
    await syncChanges(deps, 'schedule');
    const token = await feed.pageToken(account());
    seen = published.length;
    drive.state.addFile('Crash_Bb.pdf', folderA, '%PDF crash');
    drive.state.addFile('Crash_Eb.pdf', folderB, '%PDF crash');
    // The process dies once band A's library and events are committed, as band B's transaction (the one
    // holding the page token) is sent: nothing of it commits, and nothing runs after it (not even the lease's
    // release, which then expires).
    const commit = library.commit.bind(library);
    library.commit = async (chunk) => {
      if (chunk.alsoWrite !== undefined) throw new Error('the container died');
      return commit(chunk);
    };
    const recordFailure = sources.recordFailure.bind(sources);
    sources.recordFailure = async () => {
      throw new Error('the container died');
    };
    await expect(syncChanges(deps, 'webhook')).rejects.toBeInstanceOf(ChangesNotAppliedError);
    expect(await feed.pageToken(account())).toBe(token);
    expect(newEvents()).toEqual(['drive.file_added:band-a:Crash_Bb.pdf']);

    library.commit = commit;
    sources.recordFailure = recordFailure;
    const later = Date.now() + 16 * 60_000;
    await syncChanges({ ...deps, now: () => new Date(later) }, 'webhook');
    expect(await feed.pageToken(account())).not.toBe(token);
    expect(newEvents()).toEqual(['drive.file_added:band-b:Crash_Eb.pdf']);
  });

  it('moves the token in the transaction that commits the batch’s last events, never on its own', async () => {
    await syncChanges(deps, 'schedule');
    const token = await feed.pageToken(account());
    drive.state.addFile('Together_Bb.pdf', folderA, '%PDF together');
    drive.state.addFile('Together_Eb.pdf', folderB, '%PDF together');
    let alone = 0;
    const save = feed.savePageToken.bind(feed);
    feed.savePageToken = async (...args) => {
      alone++;
      return save(...args);
    };
    library.transactions.length = 0;

    await syncChanges(deps, 'webhook');

    expect(alone).toBe(0);
    const next = await feed.pageToken(account());
    expect(next).not.toBe(token);
    const withToken = library.transactions.filter((t) => (t.chunk.alsoWrite ?? []).length > 0);
    expect(withToken).toHaveLength(1);
    // The last transaction of the run: band B's last chunk, with its file's event, its outcome and the token.
    expect(library.transactions.at(-1)).toBe(withToken[0]);
    const last = withToken[0]?.chunk;
    expect(last?.bandId).toBe('band-b');
    expect(last?.finish).not.toBeNull();
    expect(last?.events.map((e) => e.name)).toEqual([
      'drive.sync_started',
      'drive.file_added',
      'drive.sync_completed',
    ]);
    expect(last?.alsoWrite).toEqual([
      expect.objectContaining({
        Put: expect.objectContaining({ Item: expect.objectContaining({ pageToken: next }) }),
      }),
    ]);
  });

  it('moves the token alone when no band has anything to commit in the batch', async () => {
    await syncChanges(deps, 'schedule');
    const token = await feed.pageToken(account());
    drive.state.addFile('Taxes.pdf', outside, '%PDF private');
    library.transactions.length = 0;
    seen = published.length;

    await syncChanges(deps, 'webhook');

    expect(library.transactions).toEqual([]);
    expect(newEvents()).toEqual([]);
    const next = await feed.pageToken(account());
    expect(next).not.toBe(token);
    expect(next).toBe(await deps.changes.startPageToken());
  });

  it('commits neither the events nor the token when another reader moved the token meanwhile, and stops', async () => {
    await syncChanges(deps, 'schedule');
    seen = published.length;
    const mark = published.length;
    drive.state.addFile('Raced_Bb.pdf', folderA, '%PDF raced');
    drive.state.addFile('Raced_Eb.pdf', folderB, '%PDF raced');
    // Another reader applies the same batch and moves the token after this run read the feed.
    const read = deps.changes.read.bind(deps.changes);
    const raced: SyncChangesDependencies = {
      ...deps,
      changes: Object.assign(Object.create(deps.changes), {
        read: async (...args: Parameters<typeof read>) => {
          const batch = await read(...args);
          feed.tokens.set(account(), 'moved-by-another-reader');
          return batch;
        },
      }),
    };

    const report = await syncChanges(raced, 'webhook');

    // Band A committed before; band B's transaction, the one holding the token, was cancelled whole.
    expect(report.synced).toEqual(['band-a']);
    expect(newEvents()).toEqual(['drive.file_added:band-a:Raced_Bb.pdf']);
    // Not even band B's framing events: its only transaction is the cancelled one.
    expect(published.slice(mark).filter((e) => (e.data as { bandId: string }).bandId === 'band-b')).toEqual(
      [],
    );
    expect((await library.listBand('band-b')).map((e) => e.name)).toEqual([]);
    expect(await feed.pageToken(account())).toBe('moved-by-another-reader');
    // Nothing failed: the lease is released and no error recorded.
    expect(sources.rows.get('band-b')).toMatchObject({ lease: null, lastError: null });
  });

  it('keeps the token when a band before the last fails, though the last band commits its changes', async () => {
    await syncChanges(deps, 'schedule');
    const token = await feed.pageToken(account());
    seen = published.length;
    drive.state.addFile('First_Bb.pdf', folderA, '%PDF first');
    drive.state.addFile('Second_Eb.pdf', folderB, '%PDF second');
    const row = sources.rows.get('band-a');
    if (!row) throw new Error('no band-a');
    sources.rows.set('band-a', { ...row, lease: { syncId: 'other', until: '2999-01-01T00:00:00.000Z' } });

    await expect(syncChanges(deps, 'webhook')).rejects.toMatchObject({ bands: ['band-a'] });
    expect(await feed.pageToken(account())).toBe(token);
    expect(newEvents()).toEqual(['drive.file_added:band-b:Second_Eb.pdf']);

    sources.rows.set('band-a', { ...row, lease: null });
    await syncChanges(deps, 'webhook');
    expect(newEvents()).toEqual(['drive.file_added:band-a:First_Bb.pdf']);
    expect(await feed.pageToken(account())).not.toBe(token);
  });

  it('starts over with a full listing when Google refuses the stored token', async () => {
    await feed.savePageToken(account(), null, 'not-a-token', new Date().toISOString());
    drive.state.addFile('Late_Bb.pdf', folderB, '%PDF late');
    seen = published.length;
    const report = await syncChanges(deps, 'schedule');
    expect(report.mode).toBe('full');
    expect(newEvents()).toEqual(['drive.file_added:band-b:Late_Bb.pdf']);
    expect(await feed.pageToken(account())).toBe(await deps.changes.startPageToken());
  });
});
