import { describe, expect, it } from 'vitest';
import { applyLibraryChanges } from '../../../../../functions/drive/domain/applyLibraryChanges.ts';
import { diffLibrary } from '../../../../../functions/drive/domain/diffLibrary.ts';
import { asSource, fileEntry, folderEntry } from '../../../../helpers/libraryEntries.ts';

const stored = [
  folderEntry('d1', 'Charts'),
  folderEntry('d2', 'Charts/Set1', { folderId: 'd1' }),
  fileEntry('f1', 'Charts/Set1/AllOfMe_Bb.pdf', { folderId: 'd2' }),
  fileEntry('f2', 'Charts/Misty_Eb.pdf', { folderId: 'd1' }),
  fileEntry('f3', 'Top.mp3'),
];
const known = stored.map(asSource);
const unplaced = (entry: ReturnType<typeof fileEntry>) => {
  const { path: _p, version: _v, ...rest } = entry;
  return rest;
};

describe('applyLibraryChanges', () => {
  it('moves a renamed folder’s whole subtree, though the feed named only the folder', () => {
    const { placed, orphans } = applyLibraryChanges(known, {
      upserts: [unplaced(folderEntry('d1', 'Parts'))],
      removals: [],
    });
    expect(orphans).toEqual([]);
    expect(placed.map((e) => e.path)).toEqual([
      'Parts',
      'Parts/Misty_Eb.pdf',
      'Parts/Set1',
      'Parts/Set1/AllOfMe_Bb.pdf',
      'Top.mp3',
    ]);
    const diff = diffLibrary('band-1', stored, placed);
    expect(diff.events.map((e) => e.name)).toEqual(['drive.file_changed', 'drive.file_changed']);
  });

  it('takes a removed folder’s contents with it', () => {
    const { placed, orphans } = applyLibraryChanges(known, { upserts: [], removals: ['d2'] });
    expect(placed.map((e) => e.fileId)).toEqual(['d1', 'f2', 'f3']);
    expect(orphans.map((e) => e.fileId)).toEqual(['f1']);
    const diff = diffLibrary('band-1', stored, placed);
    expect(diff.events).toEqual([
      { name: 'drive.file_removed', data: { bandId: 'band-1', fileId: 'f1', name: 'AllOfMe_Bb.pdf' } },
    ]);
  });

  it('adds new items under known folders, replaces changed ones and ignores unknown removals', () => {
    const { placed } = applyLibraryChanges(known, {
      upserts: [
        unplaced(fileEntry('f9', 'x', { name: 'BlueMoon_Concert.pdf', folderId: 'd2' })),
        unplaced(fileEntry('f3', 'x', { name: 'Top.mp3', checksum: 'sha256:new' })),
      ],
      removals: ['never-seen'],
    });
    expect(placed.find((e) => e.fileId === 'f9')?.path).toBe('Charts/Set1/BlueMoon_Concert.pdf');
    expect(placed.find((e) => e.fileId === 'f3')?.checksum).toBe('sha256:new');
    expect(placed).toHaveLength(6);
  });
});
