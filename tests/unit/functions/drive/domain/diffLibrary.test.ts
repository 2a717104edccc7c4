import { describe, expect, it } from 'vitest';
import {
  DuplicateLibraryEntryError,
  diffLibrary,
  type LibraryEvent,
} from '../../../../../functions/drive/domain/diffLibrary.ts';
import type { LibraryEntry, SourceEntry } from '../../../../../functions/drive/domain/libraryEntry.ts';
import { findEventContract } from '../../../../../shared/contracts/eventCatalog.ts';
import { asSource, fileEntry, folderEntry, linkFolders } from '../../../../helpers/libraryEntries.ts';

const BAND = 'band-1';

const charts = folderEntry('d-charts', 'Charts');
const audio = folderEntry('d-audio', 'Audio');
const allOfMe = fileEntry('f-1', 'Charts/AllOfMe_Bb.pdf', { folderId: 'd-charts' });
const misty = fileEntry('f-2', 'Charts/Misty_Eb.pdf', { folderId: 'd-charts' });
const stored: LibraryEntry[] = [charts, audio, allOfMe, misty];

const diffAgainst = (current: SourceEntry[]) => diffLibrary(BAND, stored, current);
const unchangedSources = (): SourceEntry[] => stored.map(asSource);
const replace = (entry: LibraryEntry, changes: Partial<SourceEntry>): SourceEntry[] =>
  unchangedSources().map((e) => (e.fileId === entry.fileId ? { ...e, ...changes } : e));
const changedEvent = (events: readonly LibraryEvent[]) => {
  const event = events.find((e) => e.name === 'drive.file_changed');
  if (event?.name !== 'drive.file_changed') throw new Error('no drive.file_changed');
  return event.data;
};

describe('diffLibrary', () => {
  it('announces a first listing: folders first (parents before children), then files, all version 1', () => {
    const current = linkFolders([
      folderEntry('d-sub', 'Charts/Set1'),
      fileEntry('f-3', 'Charts/Set1/BlueMoon_Concert.pdf'),
      ...stored,
    ]).map(asSource);
    const diff = diffLibrary(BAND, [], current);
    expect(diff.events.map((e) => e.name)).toEqual([
      'drive.folder_created',
      'drive.folder_created',
      'drive.folder_created',
      'drive.file_added',
      'drive.file_added',
      'drive.file_added',
    ]);
    expect(diff.events[2]).toEqual({
      name: 'drive.folder_created',
      data: { bandId: BAND, folderId: 'd-sub', name: 'Set1', parentFolderId: 'd-charts' },
    });
    expect(diff.counts).toEqual({ added: 3, changed: 0, removed: 0, unchanged: 0 });
    expect(diff.writes.every((e) => e.version === 1)).toBe(true);
    expect(diff.deletes).toEqual([]);
  });

  it('finds nothing to say when nothing changed, and writes nothing', () => {
    const diff = diffAgainst(unchangedSources());
    expect(diff.events).toEqual([]);
    expect(diff.writes).toEqual([]);
    expect(diff.counts).toEqual({ added: 0, changed: 0, removed: 0, unchanged: 2 });
    expect(diff.state).toEqual([...stored].sort((a, b) => a.path.localeCompare(b.path)));
  });

  it.each<
    [string, Partial<SourceEntry>, string[], { previousName: string | null; previousPath: string | null }]
  >([
    [
      'new bytes',
      { checksum: 'sha256:other', sizeBytes: 2000, modifiedAt: '2026-11-25T10:00:00.000Z' },
      ['content'],
      { previousName: null, previousPath: null },
    ],
    [
      'a rename in place',
      { name: 'All_Of_Me_Bb.pdf', path: 'Charts/All_Of_Me_Bb.pdf' },
      ['name'],
      { previousName: 'AllOfMe_Bb.pdf', previousPath: 'Charts/AllOfMe_Bb.pdf' },
    ],
    [
      'a move to another folder',
      { path: 'Audio/AllOfMe_Bb.pdf', folderId: 'd-audio' },
      ['metadata'],
      { previousName: null, previousPath: 'Charts/AllOfMe_Bb.pdf' },
    ],
    [
      'a rename with new bytes',
      { name: 'AllOfMe_Eb.pdf', path: 'Charts/AllOfMe_Eb.pdf', checksum: 'sha256:other' },
      ['content', 'name'],
      { previousName: 'AllOfMe_Bb.pdf', previousPath: 'Charts/AllOfMe_Bb.pdf' },
    ],
    [
      'a new time with the same bytes (touch)',
      { modifiedAt: '2026-11-25T10:00:00.000Z' },
      ['metadata'],
      { previousName: null, previousPath: null },
    ],
    [
      'another media type',
      { mimeType: 'application/x-pdf' },
      ['metadata'],
      { previousName: null, previousPath: null },
    ],
  ])('reports %s as ONE drive.file_changed', (_label, changes, expected, previous) => {
    const diff = diffAgainst(replace(allOfMe, changes));
    expect(diff.events).toHaveLength(1);
    const data = changedEvent(diff.events);
    expect(data.changes).toEqual(expected);
    expect(data).toMatchObject(previous);
    expect(data.file).toMatchObject({ fileId: 'f-1', version: 2, ...changes });
    expect(diff.counts).toEqual({ added: 0, changed: 1, removed: 0, unchanged: 1 });
    expect(diff.writes.map((e) => [e.fileId, e.version])).toEqual([['f-1', 2]]);
  });

  it('counts a new time as content when a side has no checksum (Google documents have none)', () => {
    const doc = fileEntry('g-1', 'Setlist', {
      mimeType: 'application/vnd.google-apps.document',
      checksum: null,
    });
    const diff = diffLibrary(BAND, [doc], [{ ...asSource(doc), modifiedAt: '2026-12-01T00:00:00.000Z' }]);
    expect(changedEvent(diff.events).changes).toEqual(['content']);
  });

  it('reports a renamed folder’s files as moved (metadata, previousPath) and nothing for the folder itself', () => {
    const current = unchangedSources().map((e) =>
      e.fileId === 'd-charts'
        ? { ...e, name: 'Parts', path: 'Parts' }
        : e.folderId === 'd-charts'
          ? { ...e, path: `Parts/${e.name}` }
          : e,
    );
    const diff = diffAgainst(current);
    expect(diff.events.map((e) => e.name)).toEqual(['drive.file_changed', 'drive.file_changed']);
    expect(diff.events.map((e) => (e.name === 'drive.file_changed' ? e.data.previousPath : null))).toEqual([
      'Charts/AllOfMe_Bb.pdf',
      'Charts/Misty_Eb.pdf',
    ]);
    expect(diff.writes.map((e) => e.fileId).sort()).toEqual(['d-charts', 'f-1', 'f-2']);
  });

  it('removes what the source no longer lists, folders silently', () => {
    const diff = diffAgainst(unchangedSources().filter((e) => e.fileId !== 'f-2' && e.fileId !== 'd-audio'));
    expect(diff.events).toEqual([
      { name: 'drive.file_removed', data: { bandId: BAND, fileId: 'f-2', name: 'Misty_Eb.pdf' } },
    ]);
    expect([...diff.deletes].sort()).toEqual(['d-audio', 'f-2']);
    expect(diff.counts).toEqual({ added: 0, changed: 0, removed: 1, unchanged: 1 });
  });

  it('treats an id that turned from file to folder as a removal and a creation', () => {
    const diff = diffAgainst(
      replace(misty, { kind: 'folder', mimeType: 'application/vnd.google-apps.folder' }),
    );
    expect(diff.events.map((e) => e.name)).toEqual(['drive.folder_created', 'drive.file_removed']);
    expect(diff.deletes).toEqual([]);
    expect(diff.writes).toEqual([expect.objectContaining({ fileId: 'f-2', kind: 'folder', version: 1 })]);
  });

  it('refuses a listing that names one id twice', () => {
    expect(() => diffAgainst([...unchangedSources(), asSource(misty)])).toThrow(DuplicateLibraryEntryError);
  });

  it('emits data every contract accepts', () => {
    const current = [
      ...replace(allOfMe, {
        name: 'X_Bb.pdf',
        path: 'X_Bb.pdf',
        folderId: null,
        checksum: 'sha256:new',
      }).filter((e) => e.fileId !== 'f-2'),
      asSource(folderEntry('d-new', 'Charts/New', { folderId: 'd-charts' })),
      asSource(fileEntry('f-9', 'Charts/New/Café_Bb.pdf', { folderId: 'd-new' })),
    ];
    const diff = diffAgainst(current);
    expect(new Set(diff.events.map((e) => e.name)).size).toBe(4);
    for (const event of diff.events) {
      const contract = findEventContract(event.name);
      expect(contract?.data.safeParse(event.data).success, event.name).toBe(true);
    }
  });
});
