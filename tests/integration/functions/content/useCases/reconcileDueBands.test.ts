import '../../../../helpers/quietPowertools.ts';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { handler } from '../../../../../functions/content/handlers/reconcileLibraries.ts';
import { applyDriveChange } from '../../../../../functions/content/useCases/applyDriveChange.ts';
import type { ContentDependencies } from '../../../../../functions/content/useCases/ContentDependencies.ts';
import { rememberLogin } from '../../../../../functions/content/useCases/keepMembers.ts';
import { listSongs } from '../../../../../functions/content/useCases/listSongs.ts';
import { reconcileDueBands } from '../../../../../functions/content/useCases/reconcileDueBands.ts';
import { libraryFile } from '../../../../helpers/contentPlatform.ts';
import { type ContentTestBed, startContentTestBed } from '../../../../helpers/contentTestBed.ts';

// The reconciliation schedule over content's real store (DynamoDB Local), drive's listing stubbed: which bands
// a run takes, what it repairs, what it announces.
const holder = vi.hoisted(() => ({ deps: undefined as ContentDependencies | undefined }));
vi.mock('../../../../../functions/content/wiring/contentDependencies.ts', () => ({
  contentDependencies: Object.assign(() => holder.deps, { reset: () => undefined }),
}));

let bed: ContentTestBed;
const T0 = Date.parse('2026-06-01T12:00:00.000Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000);
const pace = { maxBands: 2, everyMs: 6 * 60 * 60_000 };
const noFailure = (bandId: string, error: unknown) => {
  throw new Error(`band ${bandId} failed: ${String(error)}`);
};

const add = (bandId: string, fileId: string, name: string) =>
  applyDriveChange(
    bed.deps,
    { kind: 'upsert', bandId, file: libraryFile(fileId, name), occurredAt: '2026-05-01T00:00:00.000Z' },
    null,
  );

const reconciledEvents = () =>
  bed.published
    .filter((e) => e.name === 'content.catalogue_reconciled')
    .map((e) => e.data as { bandId: string });

beforeAll(async () => {
  bed = await startContentTestBed();
  holder.deps = bed.deps;
  // The login reaction puts the member's bands on the schedule's list.
  await rememberLogin(
    bed.deps,
    {
      userId: 'lead',
      email: 'lead@example.com',
      name: 'Lead',
      method: 'dev',
      sessionId: 's-1',
      firstLogin: false,
      memberships: [
        { bandId: 'band-a', role: 'leader' },
        { bandId: 'band-b', role: 'leader' },
        { bandId: 'band-c', role: 'leader' },
      ],
      instruments: ['piano'],
    },
    '2026-05-01T00:00:00.000Z',
  );
  // band-a drifted both ways, band-b is in step, band-c missed every event.
  await add('band-a', 'a1', 'AllOfMe_Bb.pdf');
  await add('band-a', 'a2', 'Gone_Bb.pdf');
  bed.library.set('band-a', [libraryFile('a1', 'AllOfMe_Bb.pdf'), libraryFile('a3', 'Misty.mp3')]);
  await add('band-b', 'b1', 'BlueMoon_Eb.pdf');
  bed.library.set('band-b', [libraryFile('b1', 'BlueMoon_Eb.pdf')]);
  bed.library.set('band-c', [libraryFile('c1', 'Summertime_Bb.pdf'), libraryFile('c2', 'Summertime.mp3')]);
  bed.published.length = 0;
}, 120_000);

afterAll(() => bed?.stop());

describe('the reconciliation schedule', () => {
  it('takes at most maxBands bands a run, the longest waiting first, and repairs drift both ways', async () => {
    bed.now = at(0);
    const first = await reconcileDueBands(bed.deps, noFailure, pace);
    expect(first).toEqual({ bands: 2, drifted: 1, failed: [], added: 1, changed: 0, removed: 1 });
    expect(reconciledEvents()).toEqual([
      { bandId: 'band-a', trigger: 'schedule', added: 1, changed: 0, removed: 1, unchanged: 1 },
    ]);
    const songs = await listSongs(bed.deps, { bandId: 'band-a', userId: 'lead', cursor: null, limit: 20 });
    expect(songs.songs.map((s) => s.songKey)).toEqual(['allofme', 'misty']);

    bed.now = at(15);
    const second = await reconcileDueBands(bed.deps, noFailure, pace);
    expect(second).toMatchObject({ bands: 1, drifted: 1, added: 2 });
    expect(reconciledEvents().map((e) => e.bandId)).toEqual(['band-a', 'band-c']);

    bed.now = at(30);
    expect(await reconcileDueBands(bed.deps, noFailure, pace)).toMatchObject({ bands: 0 });
  });

  it('comes back to a band when it is due again, and announces nothing when nothing drifted', async () => {
    bed.published.length = 0;
    bed.now = at(6 * 60 + 1);
    // a and b were reconciled at 0, c at 15: a and b wait longest.
    expect(await reconcileDueBands(bed.deps, noFailure, pace)).toEqual({
      bands: 2,
      drifted: 0,
      failed: [],
      added: 0,
      changed: 0,
      removed: 0,
    });
    expect(reconciledEvents()).toEqual([]);
    bed.now = at(6 * 60 + 16);
    expect(await reconcileDueBands(bed.deps, noFailure, pace)).toMatchObject({ bands: 1, drifted: 0 });
  });

  it('goes on past a band whose library cannot be listed, and does not retry it every run', async () => {
    await bed.deps.catalogue.noteBands(['band-broken']);
    const failures: string[] = [];
    const deps: ContentDependencies = {
      ...bed.deps,
      library: {
        files: async (bandId) => {
          if (bandId === 'band-broken') throw new Error('drive is unreachable');
          return [...(bed.library.get(bandId) ?? [])];
        },
      },
    };
    bed.now = at(13 * 60);
    const run = await reconcileDueBands(deps, (bandId) => failures.push(bandId), { ...pace, maxBands: 10 });
    expect(run).toMatchObject({ bands: 4, failed: ['band-broken'] });
    expect(failures).toEqual(['band-broken']);
    bed.now = at(13 * 60 + 15);
    expect(await reconcileDueBands(deps, noFailure, { ...pace, maxBands: 10 })).toMatchObject({ bands: 0 });
  });

  it('runs as the module’s scheduled handler', async () => {
    bed.library.set('band-b', [libraryFile('b1', 'BlueMoon_Eb.pdf'), libraryFile('b2', 'BlueMoon_Bb.pdf')]);
    bed.published.length = 0;
    bed.now = at(3 * 24 * 60);
    const report = await handler({ id: 'scheduled-1' });
    expect(report).toMatchObject({ bands: 4, drifted: 1, added: 1, failed: [] });
    expect(reconciledEvents()).toEqual([
      { bandId: 'band-b', trigger: 'schedule', added: 1, changed: 0, removed: 0, unchanged: 1 },
    ]);
  });
});
