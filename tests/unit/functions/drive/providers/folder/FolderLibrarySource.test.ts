import { mkdir, mkdtemp, rename, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { diffLibrary, type LibraryEvent } from '../../../../../../functions/drive/domain/diffLibrary.ts';
import type { LibraryEntry } from '../../../../../../functions/drive/domain/libraryEntry.ts';
import { FolderLibrarySource } from '../../../../../../functions/drive/providers/folder/FolderLibrarySource.ts';
import {
  LibraryFileMissingError,
  LibraryPathRefusedError,
} from '../../../../../../functions/drive/providers/folder/folderErrors.ts';

const BAND = 'band-1';
const binding = { bandId: BAND, sourceFolderId: null };
let root: string;
let bandDir: string;
let outside: string;
let source: FolderLibrarySource;
let stored: LibraryEntry[];
/** A clock well after every file's time, so files count as settled unless a test says otherwise. */
let now = Date.now() + 60_000;

const put = async (relative: string, content: string): Promise<void> => {
  const file = path.join(bandDir, relative);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, content);
};

/** Lists, diffs against the stored state, keeps the new state, returns the events. */
const sync = async (): Promise<readonly LibraryEvent[]> => {
  const listing = await source.list(binding, stored);
  const diff = diffLibrary(BAND, stored, listing.entries);
  stored = [...diff.state];
  return diff.events;
};
const idOf = (p: string): string | undefined => stored.find((e) => e.path === p)?.fileId;
const text = async (stream: NodeJS.ReadableStream): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
};

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'soleil-library-'));
  outside = await mkdtemp(path.join(tmpdir(), 'soleil-outside-'));
  bandDir = path.join(root, BAND);
  await mkdir(bandDir);
  now = Date.now() + 60_000;
  source = new FolderLibrarySource({ rootDir: root, now: () => now });
  stored = [];
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
  await rm(outside, { recursive: true, force: true });
});

describe('FolderLibrarySource on a real folder', () => {
  it('lists dropped files, subfolders included, with size, time, SHA-256 and media type', async () => {
    await put('AllOfMe_Bb.pdf', '%PDF all of me');
    await put('Audio/Misty_Backing.wav', 'RIFF');
    const events = await sync();
    expect(events.map((e) => e.name)).toEqual([
      'drive.folder_created',
      'drive.file_added',
      'drive.file_added',
    ]);
    expect(stored.find((e) => e.path === 'AllOfMe_Bb.pdf')).toMatchObject({
      kind: 'file',
      mimeType: 'application/pdf',
      sizeBytes: 14,
      checksum: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
      folderId: null,
    });
    expect(stored.find((e) => e.path === 'Audio/Misty_Backing.wav')?.folderId).toBe(idOf('Audio'));
  });

  it('reports a replaced file as a content change of the same file', async () => {
    await put('AllOfMe_Bb.pdf', 'version 1');
    await sync();
    const id = idOf('AllOfMe_Bb.pdf');
    await put('AllOfMe_Bb.pdf', 'version 2, longer');
    const events = await sync();
    expect(events).toEqual([
      expect.objectContaining({
        name: 'drive.file_changed',
        data: expect.objectContaining({
          changes: ['content'],
          file: expect.objectContaining({ fileId: id }),
        }),
      }),
    ]);
  });

  it('reports a rename and a move to a subfolder as ONE change each, keeping the id', async () => {
    await put('AllOfMe_Bb.pdf', 'all of me');
    await put('Misty_Eb.pdf', 'misty');
    await sync();
    const allOfMe = idOf('AllOfMe_Bb.pdf');
    const misty = idOf('Misty_Eb.pdf');
    await rename(path.join(bandDir, 'AllOfMe_Bb.pdf'), path.join(bandDir, 'All_Of_Me_Bb.pdf'));
    await mkdir(path.join(bandDir, 'Set1'));
    await rename(path.join(bandDir, 'Misty_Eb.pdf'), path.join(bandDir, 'Set1', 'Misty_Eb.pdf'));
    const events = await sync();
    expect(events.map((e) => e.name)).toEqual([
      'drive.folder_created',
      'drive.file_changed',
      'drive.file_changed',
    ]);
    expect(idOf('All_Of_Me_Bb.pdf')).toBe(allOfMe);
    expect(idOf('Set1/Misty_Eb.pdf')).toBe(misty);
    const changes = events.flatMap((e) => (e.name === 'drive.file_changed' ? [e.data] : []));
    expect(changes.map((c) => [c.previousName, c.changes])).toEqual([
      ['AllOfMe_Bb.pdf', ['name']],
      [null, ['metadata']],
    ]);
  });

  it('keeps ids through a folder rename', async () => {
    await put('Charts/AllOfMe_Bb.pdf', 'all of me');
    await sync();
    const folder = idOf('Charts');
    const file = idOf('Charts/AllOfMe_Bb.pdf');
    await rename(path.join(bandDir, 'Charts'), path.join(bandDir, 'Parts'));
    const events = await sync();
    expect(idOf('Parts')).toBe(folder);
    expect(idOf('Parts/AllOfMe_Bb.pdf')).toBe(file);
    expect(events).toEqual([
      expect.objectContaining({
        name: 'drive.file_changed',
        data: expect.objectContaining({ previousPath: 'Charts/AllOfMe_Bb.pdf', changes: ['metadata'] }),
      }),
    ]);
  });

  it('reports a deleted file as removed', async () => {
    await put('AllOfMe_Bb.pdf', 'x');
    await sync();
    await rm(path.join(bandDir, 'AllOfMe_Bb.pdf'));
    expect((await sync()).map((e) => e.name)).toEqual(['drive.file_removed']);
  });

  it('ignores editors’ and browsers’ temporary files and dotfiles', async () => {
    for (const noise of [
      '~$Setlist.docx',
      '.#AllOfMe_Bb.pdf',
      '.AllOfMe_Bb.pdf.swp',
      'AllOfMe_Bb.pdf~',
      '.DS_Store',
      'Misty.mp3.part',
      'Misty.mp3.crdownload',
      '.git/config',
    ]) {
      await put(noise, 'noise');
    }
    await put('AllOfMe_Bb.pdf', 'the chart');
    const listing = await source.list(binding, []);
    expect(listing.entries.map((e) => e.path)).toEqual(['AllOfMe_Bb.pdf']);
  });

  it('leaves a half-written new file out, and lists a half-rewritten known one as stored, until they settle', async () => {
    await put('Known_Bb.pdf', 'settled');
    await sync();
    const before = stored.find((e) => e.path === 'Known_Bb.pdf');
    now = Date.now(); // the files below are written after this instant: younger than any settle time
    await put('Known_Bb.pdf', 'being rewritten...');
    await put('New_Bb.pdf', 'being written...');
    const listing = await source.list(binding, stored);
    expect([...listing.unsettled].sort()).toEqual(['Known_Bb.pdf', 'New_Bb.pdf']);
    expect(listing.entries.map((e) => e.path)).toEqual(['Known_Bb.pdf']);
    expect(listing.entries[0]).toMatchObject({ checksum: before?.checksum, sizeBytes: before?.sizeBytes });
    expect(diffLibrary(BAND, stored, listing.entries).events).toEqual([]);

    now = Date.now() + 60_000;
    const events = await sync();
    expect(events.map((e) => e.name).sort()).toEqual(['drive.file_added', 'drive.file_changed']);
  });

  it('reuses the stored checksum of a file whose size and time did not change, without reading it', async () => {
    await put('AllOfMe_Bb.pdf', 'AAAA');
    await sync();
    const checksum = stored[0]?.checksum;
    // Same size, same time, other bytes: only a read would notice, and the scan does not read.
    const file = path.join(bandDir, 'AllOfMe_Bb.pdf');
    const time = new Date(stored[0]?.modifiedAt ?? 0);
    await writeFile(file, 'BBBB');
    await utimes(file, time, time);
    const listing = await source.list(binding, stored);
    expect(listing.entries[0]?.checksum).toBe(checksum);
  });

  it('follows a symlink to a file inside the library, and refuses one leading out or to a folder', async () => {
    await put('Charts/AllOfMe_Bb.pdf', 'chart');
    await writeFile(path.join(outside, 'secret.txt'), 'not the band’s');
    await symlink(path.join(bandDir, 'Charts', 'AllOfMe_Bb.pdf'), path.join(bandDir, 'Link_Bb.pdf'));
    await symlink(path.join(outside, 'secret.txt'), path.join(bandDir, 'Escape.txt'));
    await symlink('../../', path.join(bandDir, 'Charts', 'Up'));
    await symlink(path.join(bandDir, 'Charts'), path.join(bandDir, 'ChartsAgain'));
    const listing = await source.list(binding, []);
    expect(listing.entries.map((e) => e.path)).toEqual(['Charts', 'Charts/AllOfMe_Bb.pdf', 'Link_Bb.pdf']);
    expect([...listing.refused].sort((a, b) => a.path.localeCompare(b.path))).toEqual([
      { path: 'Charts/Up', reason: 'outside-library' },
      { path: 'ChartsAgain', reason: 'symlinked-folder' },
      { path: 'Escape.txt', reason: 'outside-library' },
    ]);
  });

  it('lists a band with no folder as an empty library', async () => {
    const listing = await source.list({ bandId: 'band-without-folder', sourceFolderId: null }, []);
    expect(listing).toEqual({ entries: [], refused: [], unsettled: [] });
  });
});

describe('FolderLibrarySource downloads', () => {
  it('streams a file’s bytes', async () => {
    await put('Charts/AllOfMe_Bb.pdf', '%PDF the chart');
    const download = await source.download(binding, {
      fileId: 'x',
      path: 'Charts/AllOfMe_Bb.pdf',
      mimeType: 'application/pdf',
    });
    expect(download).toMatchObject({ sizeBytes: 14, mimeType: 'application/pdf' });
    expect(await text(download.body)).toBe('%PDF the chart');
  });

  it.each([
    '../band-2/AllOfMe_Bb.pdf',
    'Charts/../../band-2/AllOfMe_Bb.pdf',
    '/etc/passwd',
    'Charts\\..\\x.pdf',
    '',
  ])('refuses a path that leaves the library: %j', async (bad) => {
    await mkdir(path.join(root, 'band-2'));
    await writeFile(path.join(root, 'band-2', 'AllOfMe_Bb.pdf'), 'other band');
    await expect(source.download(binding, { fileId: 'x', path: bad, mimeType: 'x' })).rejects.toBeInstanceOf(
      LibraryPathRefusedError,
    );
  });

  it('refuses a symlink whose real path is outside the library, and a band id that is a path', async () => {
    await writeFile(path.join(outside, 'secret.txt'), 'secret');
    await symlink(path.join(outside, 'secret.txt'), path.join(bandDir, 'Escape.txt'));
    await expect(
      source.download(binding, { fileId: 'x', path: 'Escape.txt', mimeType: 'text/plain' }),
    ).rejects.toBeInstanceOf(LibraryPathRefusedError);
    await expect(
      source.download(
        { bandId: '../etc', sourceFolderId: null },
        { fileId: 'x', path: 'passwd', mimeType: 'x' },
      ),
    ).rejects.toBeInstanceOf(LibraryPathRefusedError);
  });

  it('says a file that is gone is missing', async () => {
    await expect(
      source.download(binding, { fileId: 'x', path: 'Gone_Bb.pdf', mimeType: 'application/pdf' }),
    ).rejects.toBeInstanceOf(LibraryFileMissingError);
  });
});
