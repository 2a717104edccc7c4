import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { applyLibraryChanges } from '../../../../../../functions/drive/domain/applyLibraryChanges.ts';
import { diffLibrary } from '../../../../../../functions/drive/domain/diffLibrary.ts';
import type { LibraryEntry } from '../../../../../../functions/drive/domain/libraryEntry.ts';
import { removalsFromFormerBands } from '../../../../../../functions/drive/domain/removalsFromFormerBands.ts';
import {
  createGoogleDriveProvider,
  type GoogleDriveProvider,
} from '../../../../../../functions/drive/providers/googleDrive/createGoogleDriveProvider.ts';
import {
  type FakeGoogleDrive,
  startFakeGoogleDrive,
} from '../../../../../helpers/fakeGoogleDrive/startFakeGoogleDrive.ts';
import { type FakePacing, fakePacing } from '../../../../../helpers/fakePacing.ts';

let drive: FakeGoogleDrive;
let provider: GoogleDriveProvider;
let pacing: FakePacing;
let bandA: string;
let bandB: string;
let outside: string;
let bindings: Map<string, string>;

beforeAll(async () => {
  drive = await startFakeGoogleDrive();
});
afterAll(async () => {
  await drive.stop();
});
beforeEach(() => {
  drive.clearFaults();
  drive.setPageSizeLimit(1000);
  pacing = fakePacing();
  provider = createGoogleDriveProvider({
    serviceAccountKeyJson: drive.serviceAccountKeyJson,
    apiBaseUrl: drive.apiBaseUrl,
    pacing,
  });
  const myDrive = drive.state.addHiddenFolder();
  bandA = drive.state.addFolder('Band A', myDrive);
  bandB = drive.state.addFolder('Band B', myDrive);
  outside = drive.state.addFolder('Private', myDrive);
  bindings = new Map([
    [bandA, 'band-a'],
    [bandB, 'band-b'],
  ]);
});

/** Reads the feed from `token` to the end and returns the batch. */
const readFrom = (token: string) => provider.changes.read(token, bindings);

/** Lists band A fully and returns its stored state, as a first sync would leave it. */
const syncBandA = async (): Promise<LibraryEntry[]> => {
  const listing = await provider.source.list({ bandId: 'band-a', sourceFolderId: bandA }, []);
  return [...diffLibrary('band-a', [], listing.entries).state];
};

describe('GoogleDriveChangeFeed over HTTP', () => {
  it('sorts each change into the band whose bound folder is an ancestor, subfolders included', async () => {
    const token = await provider.changes.startPageToken();
    const deep = drive.state.addFolder('Deep', drive.state.addFolder('Charts', bandA));
    const chart = drive.state.addFile('AllOfMe_Bb.pdf', deep, '%PDF');
    const audio = drive.state.addFile('Misty.mp3', bandB, 'ID3', 'audio/mpeg');
    const privateFile = drive.state.addFile('Taxes.pdf', outside, '%PDF');

    const batch = await readFrom(token);

    expect(batch.complete).toBe(true);
    expect(batch.resumeFrom).toBe(await provider.changes.startPageToken());
    expect(
      batch.byBand
        .get('band-a')
        ?.upserts.map((e) => e.name)
        .sort(),
    ).toEqual(['AllOfMe_Bb.pdf', 'Charts', 'Deep']);
    expect(batch.byBand.get('band-b')?.upserts).toEqual([
      expect.objectContaining({ fileId: audio, folderId: null, checksum: expect.stringMatching(/^md5:/) }),
    ]);
    expect(batch.currentBandOf.get(chart)).toBe('band-a');
    expect(batch.currentBandOf.get(privateFile)).toBeNull();
    expect(batch.byBand.has('band-c')).toBe(false);
  });

  it('looks a folder’s parents up once (files.get) and then uses its cache', async () => {
    const charts = drive.state.addFolder('Charts', bandA);
    const token = await provider.changes.startPageToken();
    drive.state.addFile('One_Bb.pdf', charts, '1');
    drive.state.addFile('Two_Bb.pdf', charts, '2');
    const before = drive.requests.filter((r) => r.operation === 'files.get').length;
    await readFrom(token);
    const lookups = drive.requests.filter((r) => r.operation === 'files.get').length - before;
    expect(lookups).toBe(1);
  });

  it('reports a rename as an upsert that the diff turns into ONE drive.file_changed', async () => {
    const chart = drive.state.addFile('AllOfMe_Bb.pdf', bandA, '%PDF');
    const stored = await syncBandA();
    const token = await provider.changes.startPageToken();
    drive.state.rename(chart, 'All_Of_Me_Bb.pdf');

    const batch = await readFrom(token);
    const changes = batch.byBand.get('band-a');
    if (changes === undefined) throw new Error('no change for band-a');
    const next = applyLibraryChanges(stored, changes);
    const diff = diffLibrary('band-a', stored, next.placed);
    expect(diff.events).toEqual([
      expect.objectContaining({
        name: 'drive.file_changed',
        data: expect.objectContaining({ previousName: 'AllOfMe_Bb.pdf', changes: ['name'] }),
      }),
    ]);
  });

  it('turns a trashed file or folder into a removal; a trashed folder’s files belong nowhere', async () => {
    const charts = drive.state.addFolder('Charts', bandA);
    const inCharts = drive.state.addFile('AllOfMe_Bb.pdf', charts, '%PDF');
    const top = drive.state.addFile('Misty.mp3', bandA, 'ID3', 'audio/mpeg');
    const stored = await syncBandA();
    const token = await provider.changes.startPageToken();
    drive.state.trash(top);
    drive.state.trash(charts);

    const batch = await readFrom(token);
    const changes = batch.byBand.get('band-a');
    expect([...(changes?.removals ?? [])].sort()).toEqual([charts, top].sort());
    expect(batch.currentBandOf.get(inCharts)).toBeNull();
    if (changes === undefined) throw new Error('no change for band-a');
    const diff = diffLibrary('band-a', stored, applyLibraryChanges(stored, changes).placed);
    expect(diff.events.map((e) => e.name)).toEqual(['drive.file_removed', 'drive.file_removed']);
    expect(diff.deletes).toContain(charts);
  });

  it('moves a folder’s whole subtree with it when only the folder changed', async () => {
    const charts = drive.state.addFolder('Charts', bandA);
    drive.state.addFile('AllOfMe_Bb.pdf', charts, '%PDF');
    const parts = drive.state.addFolder('Parts', bandA);
    const stored = await syncBandA();
    const token = await provider.changes.startPageToken();
    drive.state.move(charts, parts);

    const batch = await readFrom(token);
    const changes = batch.byBand.get('band-a');
    if (changes === undefined) throw new Error('no change for band-a');
    expect(changes.upserts.map((e) => e.fileId)).toEqual([charts]);
    const diff = diffLibrary('band-a', stored, applyLibraryChanges(stored, changes).placed);
    expect(diff.events).toEqual([
      expect.objectContaining({
        name: 'drive.file_changed',
        data: expect.objectContaining({
          previousPath: 'Charts/AllOfMe_Bb.pdf',
          file: expect.objectContaining({ path: 'Parts/Charts/AllOfMe_Bb.pdf' }),
          changes: ['metadata'],
        }),
      }),
    ]);
  });

  it('says a file moved to another band, or out of every library, so its former band drops it', async () => {
    const toB = drive.state.addFile('Moves_Bb.pdf', bandA, 'm');
    const toPrivate = drive.state.addFile('Leaves_Bb.pdf', bandA, 'l');
    const deleted = drive.state.addFile('Deleted_Bb.pdf', bandA, 'd');
    const token = await provider.changes.startPageToken();
    drive.state.move(toB, bandB);
    drive.state.move(toPrivate, outside);
    drive.state.delete(deleted);

    const batch = await readFrom(token);
    expect(batch.currentBandOf).toEqual(
      new Map([
        [toB, 'band-b'],
        [toPrivate, null],
        [deleted, null],
      ]),
    );
    const holders = new Map([toB, toPrivate, deleted].map((id) => [id, 'band-a']));
    expect(removalsFromFormerBands(batch.currentBandOf, holders)).toEqual(
      new Map([['band-a', [toB, toPrivate, deleted]]]),
    );
  });

  it('keeps only the last change of a file seen twice in one read', async () => {
    const file = drive.state.addFile('Flip_Bb.pdf', bandA, 'f');
    const token = await provider.changes.startPageToken();
    drive.state.trash(file);
    drive.state.get(file).trashed = false;
    drive.state.rename(file, 'Flop_Bb.pdf');

    const batch = await readFrom(token);
    const changes = batch.byBand.get('band-a');
    expect(changes?.removals).toEqual([]);
    expect(changes?.upserts.map((e) => e.name)).toEqual(['Flop_Bb.pdf']);
  });

  it('reads every page, and stops at maxPages with a token to resume from', async () => {
    const token = await provider.changes.startPageToken();
    for (let i = 0; i < 7; i++) drive.state.addFile(`Song${i}_Bb.pdf`, bandA, `${i}`);
    drive.setPageSizeLimit(2);

    const all = await readFrom(token);
    expect(all.complete).toBe(true);
    expect(all.byBand.get('band-a')?.upserts).toHaveLength(7);

    const short = createGoogleDriveProvider({
      serviceAccountKeyJson: drive.serviceAccountKeyJson,
      apiBaseUrl: drive.apiBaseUrl,
      pacing,
      maxChangePages: 2,
    });
    const first = await short.changes.read(token, bindings);
    expect(first.complete).toBe(false);
    expect(first.byBand.get('band-a')?.upserts).toHaveLength(4);
    const rest = await short.changes.read(first.resumeFrom, bindings);
    expect(rest.complete).toBe(true);
    expect(rest.byBand.get('band-a')?.upserts).toHaveLength(3);
  });

  it('reports a bound folder that was trashed or deleted as lost', async () => {
    const token = await provider.changes.startPageToken();
    drive.state.trash(bandB);
    const batch = await readFrom(token);
    expect(batch.lostFolders).toEqual([bandB]);
  });
});
