import { beforeEach, describe, expect, it } from 'vitest';
import type { SourceEntry } from '../../../../../functions/drive/domain/libraryEntry.ts';
import type { SourceRecord } from '../../../../../functions/drive/domain/sourceRecord.ts';
import type {
  LibraryBinding,
  LibraryListing,
  LibrarySource,
} from '../../../../../functions/drive/providers/LibrarySource.ts';
import {
  LOGIN_REFRESH_AFTER_MS,
  refreshOnLogin,
} from '../../../../../functions/drive/useCases/refreshOnLogin.ts';
import type { SyncLibraryDependencies } from '../../../../../functions/drive/useCases/syncLibrary.ts';
import {
  folderSource,
  googleSource,
  InMemoryLibraryStore,
  InMemorySourceStore,
  inMemoryOutbox,
} from '../../../../helpers/inMemoryDriveStores.ts';

const NOW = new Date('2026-11-30T20:00:00.000Z');
const ago = (ms: number) => new Date(NOW.getTime() - ms).toISOString();

const chart = (bandId: string): SourceEntry => ({
  kind: 'file',
  fileId: `${bandId}-f1`,
  name: 'AllOfMe_Bb.pdf',
  path: 'AllOfMe_Bb.pdf',
  folderId: null,
  mimeType: 'application/pdf',
  sizeBytes: 1000,
  checksum: `sha256:${bandId}`,
  modifiedAt: '2026-11-30T19:00:00.000Z',
});

/** Lists one chart per band; the bands in `failing` are unreachable. Every listing is recorded. */
class OneChartSource implements LibrarySource {
  readonly listed: string[] = [];
  readonly failing = new Set<string>();
  async list(binding: LibraryBinding): Promise<LibraryListing> {
    this.listed.push(binding.bandId);
    if (this.failing.has(binding.bandId)) throw new Error('the source is unreachable');
    return { entries: [chart(binding.bandId)], refused: [], unsettled: [] };
  }
  async download(): Promise<never> {
    throw new Error('not used');
  }
}

let sources: InMemorySourceStore;
let provider: OneChartSource;
let published: ReturnType<typeof inMemoryOutbox>['published'];
let deps: SyncLibraryDependencies;
let clock: Date;

const syncedAt = (bandId: string, at: string): SourceRecord => ({
  ...folderSource(bandId),
  lastSync: { syncId: 's-old', at, trigger: 'schedule', added: 0, changed: 0, removed: 0, unchanged: 0 },
});
const login = (bandIds: string[]) => refreshOnLogin(deps, { userId: 'u-trumpet', bandIds });
const startedFor = (bandId: string) =>
  published.filter(
    (e) => e.name === 'drive.sync_started' && (e.data as { bandId: string }).bandId === bandId,
  );

beforeEach(() => {
  sources = new InMemorySourceStore();
  provider = new OneChartSource();
  const outbox = inMemoryOutbox();
  published = outbox.published;
  clock = NOW;
  let syncs = 0;
  deps = {
    sources,
    library: new InMemoryLibraryStore(sources),
    provider,
    outbox: outbox.outbox,
    now: () => clock,
    newSyncId: () => `sync-${++syncs}`,
  };
});

describe('refreshOnLogin: a member’s sign-in refreshes their bands’ stale libraries', () => {
  it('syncs a band last synced over five minutes ago, with trigger login and the user as requester', async () => {
    sources.rows.set('band-1', syncedAt('band-1', ago(LOGIN_REFRESH_AFTER_MS + 1_000)));
    expect(await login(['band-1'])).toEqual({ 'band-1': 'synced' });
    expect(startedFor('band-1').map((e) => e.data)).toEqual([
      { bandId: 'band-1', syncId: 'sync-1', trigger: 'login', requestedBy: 'u-trumpet' },
    ]);
    expect(published.map((e) => e.name)).toEqual([
      'drive.sync_started',
      'drive.file_added',
      'drive.sync_completed',
    ]);
    expect(sources.rows.get('band-1')?.lastSync).toMatchObject({ trigger: 'login', added: 1 });
  });

  it('syncs a library never synced', async () => {
    sources.rows.set('band-1', folderSource('band-1'));
    expect(await login(['band-1'])).toEqual({ 'band-1': 'synced' });
  });

  it('skips a band synced within the last five minutes', async () => {
    sources.rows.set('band-1', syncedAt('band-1', ago(LOGIN_REFRESH_AFTER_MS - 1_000)));
    expect(await login(['band-1'])).toEqual({ 'band-1': 'fresh' });
    expect(provider.listed).toEqual([]);
    expect(published).toEqual([]);
  });

  it('does nothing for a second login in the window: the first one’s sync made the library fresh', async () => {
    sources.rows.set('band-1', syncedAt('band-1', ago(60 * 60_000)));
    expect(await login(['band-1'])).toEqual({ 'band-1': 'synced' });
    const after = published.length;
    clock = new Date(NOW.getTime() + LOGIN_REFRESH_AFTER_MS - 1_000);
    expect(await login(['band-1'])).toEqual({ 'band-1': 'fresh' });
    expect(published).toHaveLength(after);
    expect(provider.listed).toEqual(['band-1']);
    // Once the window has passed, the next login refreshes again.
    clock = new Date(NOW.getTime() + LOGIN_REFRESH_AFTER_MS + 1_000);
    expect(await login(['band-1'])).toEqual({ 'band-1': 'synced' });
  });

  it('leaves a band whose lease another sync holds to that sync (busy), without listing it', async () => {
    sources.rows.set('band-1', {
      ...syncedAt('band-1', ago(60 * 60_000)),
      lease: { syncId: 'sync-running', until: new Date(NOW.getTime() + 60_000).toISOString() },
    });
    expect(await login(['band-1'])).toEqual({ 'band-1': 'busy' });
    expect(provider.listed).toEqual([]);
    expect(published).toEqual([]);
    expect(sources.rows.get('band-1')?.lease?.syncId).toBe('sync-running');
  });

  it('answers each band on its own: unknown, unbound, failed, synced', async () => {
    sources.rows.set('band-unbound', { ...googleSource('band-unbound', 'x'), sourceFolderId: null });
    sources.rows.set('band-down', syncedAt('band-down', ago(60 * 60_000)));
    sources.rows.set('band-ok', syncedAt('band-ok', ago(60 * 60_000)));
    provider.failing.add('band-down');
    expect(await login(['band-gone', 'band-unbound', 'band-down', 'band-ok'])).toEqual({
      'band-gone': 'unknown',
      'band-unbound': 'unbound',
      'band-down': 'failed',
      'band-ok': 'synced',
    });
    expect(sources.rows.get('band-down')?.lastError?.message).toContain('unreachable');
    expect(startedFor('band-ok')).toHaveLength(1);
  });
});
