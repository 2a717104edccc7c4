import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffLibrary, type LibraryEvent } from '../../../../../functions/drive/domain/diffLibrary.ts';
import type { LibraryEntry, SourceEntry } from '../../../../../functions/drive/domain/libraryEntry.ts';
import type { EventData } from '../../../../../shared/contracts/eventCatalog.ts';
import { asSource, fileEntry, folderEntry } from '../../../../helpers/libraryEntries.ts';

type LibraryFile = EventData<'drive.file_added'>['file'];

const FOLDERS = [
  folderEntry('d-a', 'A'),
  folderEntry('d-b', 'B'),
  folderEntry('d-ab', 'A/Sub', { folderId: 'd-a' }),
];
const NEW_FOLDER = folderEntry('d-new', 'New');
const PLACES = [
  { path: '', id: null },
  ...[...FOLDERS, NEW_FOLDER].map((f) => ({ path: f.path, id: f.fileId })),
];

const place = (index: number, name: string) => {
  const where = PLACES[index % PLACES.length] ?? { path: '', id: null };
  return { path: where.path === '' ? name : `${where.path}/${name}`, folderId: where.id };
};

/** One file of the old library and what happens to it. */
const fileFate = fc.record({
  name: fc.stringMatching(/^[A-Za-z][A-Za-z0-9 ]{0,8}_(Bb|Eb|Chords)\.pdf$/),
  where: fc.nat({ max: 3 }),
  version: fc.integer({ min: 1, max: 9 }),
  checksum: fc.option(fc.stringMatching(/^sha256:[0-9a-f]{4}$/), { nil: null }),
  fate: fc.constantFrom('keep', 'remove', 'rename', 'move', 'content', 'touch', 'retype'),
  newName: fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{0,8}\.mp3$/),
  newWhere: fc.nat({ max: 4 }),
});

const newFile = fc.record({
  name: fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{0,8}\.(pdf|mp3)$/),
  where: fc.nat({ max: 4 }),
  checksum: fc.option(fc.stringMatching(/^sha256:[0-9a-f]{4}$/), { nil: null }),
});

const scenario = fc.record({
  old: fc.array(fileFate, { maxLength: 25 }),
  added: fc.array(newFile, { maxLength: 8 }),
});

/** The oracle: what a receiver that applies every event in order to its copy of the library ends up with. */
const applyEvents = (
  files: Map<string, LibraryFile>,
  folders: Set<string>,
  events: readonly LibraryEvent[],
) => {
  for (const event of events) {
    switch (event.name) {
      case 'drive.folder_created':
        folders.add(event.data.folderId);
        break;
      case 'drive.file_added':
        expect(files.has(event.data.file.fileId)).toBe(false);
        files.set(event.data.file.fileId, event.data.file);
        break;
      case 'drive.file_changed':
        expect(files.has(event.data.file.fileId)).toBe(true);
        files.set(event.data.file.fileId, event.data.file);
        break;
      case 'drive.file_removed':
        expect(files.delete(event.data.fileId)).toBe(true);
        break;
    }
  }
};

const asLibraryFile = (entry: LibraryEntry): LibraryFile => ({
  fileId: entry.fileId,
  name: entry.name,
  mimeType: entry.mimeType,
  sizeBytes: entry.sizeBytes,
  modifiedAt: entry.modifiedAt,
  folderId: entry.folderId,
  checksum: entry.checksum,
  path: entry.path,
  version: entry.version,
});

type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

const build = ({ old, added }: Scenario) => {
  const stored: LibraryEntry[] = [...FOLDERS];
  const current: SourceEntry[] = FOLDERS.map(asSource);
  old.forEach((f, i) => {
    const at = place(f.where % 4, f.name);
    const entry = fileEntry(`f-${i}`, at.path, {
      folderId: at.folderId,
      version: f.version,
      checksum: f.checksum,
    });
    stored.push(entry);
    const now = asSource(entry);
    const moved = place(f.newWhere, f.name);
    const renamed = place(f.where % 4, f.newName);
    const next: Record<string, SourceEntry | null> = {
      keep: now,
      remove: null,
      rename: { ...now, name: f.newName, ...renamed },
      move: { ...now, ...moved },
      content: { ...now, checksum: `sha256:new-${i}`, sizeBytes: now.sizeBytes + 1 },
      touch: { ...now, modifiedAt: '2026-12-24T20:00:00.000Z' },
      retype: { ...now, mimeType: 'application/octet-stream' },
    };
    const after = next[f.fate] ?? null;
    if (after !== null) current.push(after);
  });
  added.forEach((f, i) => {
    const at = place(f.where, f.name);
    current.push(asSource(fileEntry(`n-${i}`, at.path, { folderId: at.folderId, checksum: f.checksum })));
  });
  // The new folder exists in the listing when anything went into it, as a source would list it.
  if (current.some((e) => e.folderId === NEW_FOLDER.fileId)) current.push(asSource(NEW_FOLDER));
  return { stored, current };
};

describe('diffLibrary (property)', () => {
  it('applying its events to the old library yields the new one, and counts add up', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { stored, current } = build(s);
        const diff = diffLibrary('band-p', stored, current);

        const files = new Map(
          stored.filter((e) => e.kind === 'file').map((e) => [e.fileId, asLibraryFile(e)]),
        );
        const folders = new Set(stored.filter((e) => e.kind === 'folder').map((e) => e.fileId));
        applyEvents(files, folders, diff.events);

        const expectedFiles = diff.state.filter((e) => e.kind === 'file');
        expect(files).toEqual(new Map(expectedFiles.map((e) => [e.fileId, asLibraryFile(e)])));
        // The new state is the listing, version aside.
        const strip = ({ version: _v, ...rest }: LibraryEntry) => rest;
        const byId = (a: { fileId: string }, b: { fileId: string }) => (a.fileId < b.fileId ? -1 : 1);
        expect(diff.state.map(strip).sort(byId)).toEqual([...current].sort(byId));
        expect(folders).toEqual(new Set(current.filter((e) => e.kind === 'folder').map((e) => e.fileId)));

        const currentFiles = current.filter((e) => e.kind === 'file').length;
        const storedFiles = stored.filter((e) => e.kind === 'file').length;
        expect(diff.counts.added + diff.counts.changed + diff.counts.unchanged).toBe(currentFiles);
        expect(diff.counts.changed + diff.counts.unchanged + diff.counts.removed).toBe(storedFiles);
        // A rename, a move or new bytes keeps the id: never a removal plus an addition.
        const removedIds = new Set(
          diff.events.flatMap((e) => (e.name === 'drive.file_removed' ? [e.data.fileId] : [])),
        );
        for (const e of diff.events) {
          if (e.name === 'drive.file_added') expect(removedIds.has(e.data.file.fileId)).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('is idempotent: diffing the new state against the same listing finds nothing', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { stored, current } = build(s);
        const first = diffLibrary('band-p', stored, current);
        const second = diffLibrary('band-p', first.state, current);
        expect(second.events).toEqual([]);
        expect(second.writes).toEqual([]);
        expect(second.deletes).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});
