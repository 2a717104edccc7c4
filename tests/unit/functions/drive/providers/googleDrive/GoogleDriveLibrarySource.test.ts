import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { diffLibrary } from '../../../../../../functions/drive/domain/diffLibrary.ts';
import type { LibraryEntry } from '../../../../../../functions/drive/domain/libraryEntry.ts';
import {
  createGoogleDriveProvider,
  type GoogleDriveProvider,
} from '../../../../../../functions/drive/providers/googleDrive/createGoogleDriveProvider.ts';
import {
  DriveFileNotDownloadableError,
  DriveFileNotFoundError,
} from '../../../../../../functions/drive/providers/googleDrive/driveErrors.ts';
import { UnboundLibraryError } from '../../../../../../functions/drive/providers/googleDrive/GoogleDriveLibrarySource.ts';
import {
  type FakeGoogleDrive,
  startFakeGoogleDrive,
} from '../../../../../helpers/fakeGoogleDrive/startFakeGoogleDrive.ts';
import { fakePacing } from '../../../../../helpers/fakePacing.ts';

let drive: FakeGoogleDrive;
let provider: GoogleDriveProvider;
let bandFolder: string;
let chartsFolder: string;

const binding = () => ({ bandId: 'band-1', sourceFolderId: bandFolder });
const streamText = async (body: NodeJS.ReadableStream): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
};

beforeAll(async () => {
  drive = await startFakeGoogleDrive();
});
afterAll(async () => {
  await drive.stop();
});
beforeEach(() => {
  drive.clearFaults();
  drive.setPageSizeLimit(1000);
  provider = createGoogleDriveProvider({
    serviceAccountKeyJson: drive.serviceAccountKeyJson,
    apiBaseUrl: drive.apiBaseUrl,
    pacing: fakePacing(),
  });
  const leaderDrive = drive.state.addHiddenFolder();
  bandFolder = drive.state.addFolder('Band Library', leaderDrive);
  chartsFolder = drive.state.addFolder('Charts', bandFolder);
});

describe('GoogleDriveLibrarySource over HTTP', () => {
  it('lists the bound folder and its subfolders, every page, with Drive’s metadata', async () => {
    const set1 = drive.state.addFolder('Set 1', chartsFolder);
    const allOfMe = drive.state.addFile('AllOfMe_Bb.pdf', set1, '%PDF all of me');
    for (let i = 0; i < 5; i++) drive.state.addFile(`Song${i}_Eb.pdf`, chartsFolder, `%PDF ${i}`);
    drive.state.addFile('Misty.mp3', bandFolder, 'ID3 misty', 'audio/mpeg');
    drive.state.addGoogleDoc('Setlist', bandFolder);
    drive.state.trash(drive.state.addFile('Old_Bb.pdf', chartsFolder, 'old'));
    drive.state.addFile('.DS_Store', chartsFolder, 'noise', 'application/octet-stream');
    drive.setPageSizeLimit(2);

    const listing = await provider.source.list(binding(), []);

    expect(listing.entries.map((e) => e.path)).toEqual([
      'Charts',
      'Charts/Set 1',
      'Charts/Set 1/AllOfMe_Bb.pdf',
      'Charts/Song0_Eb.pdf',
      'Charts/Song1_Eb.pdf',
      'Charts/Song2_Eb.pdf',
      'Charts/Song3_Eb.pdf',
      'Charts/Song4_Eb.pdf',
      'Misty.mp3',
      'Setlist',
    ]);
    const pdf = listing.entries.find((e) => e.fileId === allOfMe);
    expect(pdf).toMatchObject({
      kind: 'file',
      name: 'AllOfMe_Bb.pdf',
      folderId: set1,
      mimeType: 'application/pdf',
      sizeBytes: '%PDF all of me'.length,
      checksum: expect.stringMatching(/^md5:[0-9a-f]{32}$/),
    });
    expect(listing.entries.find((e) => e.name === 'Charts')?.folderId).toBeNull();
    expect(listing.entries.find((e) => e.name === 'Setlist')).toMatchObject({ checksum: null, sizeBytes: 0 });
    // Paging really happened: Charts has 8 children (one trashed, filtered by q) at 2 per page.
    const chartPages = drive.requests.filter(
      (r) => r.operation === 'files.list' && r.query.q === `'${chartsFolder}' in parents and trashed=false`,
    );
    expect(chartPages.length).toBe(4);
    expect(chartPages.every((r) => r.query.fields?.startsWith('nextPageToken,files('))).toBe(true);
  });

  it('keeps ids across listings, so a rename is one drive.file_changed', async () => {
    const id = drive.state.addFile('AllOfMe_Bb.pdf', chartsFolder, '%PDF');
    const first = await provider.source.list(binding(), []);
    const stored: LibraryEntry[] = diffLibrary('band-1', [], first.entries).state.slice();
    drive.state.rename(id, 'All_Of_Me_Bb.pdf');
    drive.state.rename(chartsFolder, 'Parts');
    const second = await provider.source.list(binding(), stored);
    const diff = diffLibrary('band-1', stored, second.entries);
    expect(diff.events).toEqual([
      expect.objectContaining({
        name: 'drive.file_changed',
        data: expect.objectContaining({
          previousName: 'AllOfMe_Bb.pdf',
          previousPath: 'Charts/AllOfMe_Bb.pdf',
          changes: ['name', 'metadata'],
          file: expect.objectContaining({ fileId: id, path: 'Parts/All_Of_Me_Bb.pdf' }),
        }),
      }),
    ]);
  });

  it('downloads a file’s bytes as a stream', async () => {
    const id = drive.state.addFile('AllOfMe_Bb.pdf', chartsFolder, '%PDF-1.7 the chart');
    const download = await provider.source.download(binding(), {
      fileId: id,
      path: 'Charts/AllOfMe_Bb.pdf',
      mimeType: 'application/pdf',
    });
    expect(download.sizeBytes).toBe('%PDF-1.7 the chart'.length);
    expect(download.mimeType).toBe('application/pdf');
    expect(await streamText(download.body)).toBe('%PDF-1.7 the chart');
  });

  it('refuses downloads of Google documents and of files it cannot see, with typed errors', async () => {
    const doc = drive.state.addGoogleDoc('Setlist', bandFolder);
    await expect(
      provider.source.download(binding(), { fileId: doc, path: 'Setlist', mimeType: 'application/pdf' }),
    ).rejects.toBeInstanceOf(DriveFileNotDownloadableError);
    await expect(
      provider.source.download(binding(), {
        fileId: doc,
        path: 'Setlist',
        mimeType: 'application/vnd.google-apps.document',
      }),
    ).rejects.toBeInstanceOf(DriveFileNotDownloadableError);
    await expect(
      provider.source.download(binding(), { fileId: 'Fnope', path: 'x.pdf', mimeType: 'application/pdf' }),
    ).rejects.toBeInstanceOf(DriveFileNotFoundError);
  });

  it('refuses to list a band with no bound folder', async () => {
    await expect(provider.source.list({ bandId: 'band-1', sourceFolderId: null }, [])).rejects.toBeInstanceOf(
      UnboundLibraryError,
    );
  });
});
