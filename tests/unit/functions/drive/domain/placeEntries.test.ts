import { describe, expect, it } from 'vitest';
import type { UnplacedEntry } from '../../../../../functions/drive/domain/libraryEntry.ts';
import { placeEntries } from '../../../../../functions/drive/domain/placeEntries.ts';
import { fileEntry, folderEntry } from '../../../../helpers/libraryEntries.ts';

const unplaced = ({ path: _p, version: _v, ...rest }: ReturnType<typeof fileEntry>): UnplacedEntry => rest;

describe('placeEntries', () => {
  it('gives each entry the path of its parent chain, sorted by path', () => {
    const { placed, orphans } = placeEntries([
      unplaced(fileEntry('f1', 'x/AllOfMe_Bb.pdf', { name: 'AllOfMe_Bb.pdf', folderId: 'd2' })),
      unplaced(folderEntry('d2', 'x', { name: 'Set 1', folderId: 'd1' })),
      unplaced(folderEntry('d1', 'x', { name: 'Charts', folderId: null })),
      unplaced(fileEntry('f0', 'x', { name: 'Top.mp3', folderId: null })),
    ]);
    expect(placed.map((e) => [e.fileId, e.path])).toEqual([
      ['d1', 'Charts'],
      ['d2', 'Charts/Set 1'],
      ['f1', 'Charts/Set 1/AllOfMe_Bb.pdf'],
      ['f0', 'Top.mp3'],
    ]);
    expect(orphans).toEqual([]);
  });

  it('makes orphans of entries whose parent is missing or is a file, and of everything under them', () => {
    const { placed, orphans } = placeEntries([
      unplaced(folderEntry('d1', 'x', { name: 'Gone', folderId: 'missing' })),
      unplaced(fileEntry('f1', 'x', { name: 'a.pdf', folderId: 'd1' })),
      unplaced(fileEntry('f2', 'x', { name: 'b.pdf', folderId: 'f3' })),
      unplaced(fileEntry('f3', 'x', { name: 'c.pdf', folderId: null })),
    ]);
    expect(placed.map((e) => e.fileId)).toEqual(['f3']);
    expect(orphans.map((e) => e.fileId).sort()).toEqual(['d1', 'f1', 'f2']);
  });

  it('makes orphans of a parent loop instead of hanging', () => {
    const { placed, orphans } = placeEntries([
      unplaced(folderEntry('d1', 'x', { name: 'A', folderId: 'd2' })),
      unplaced(folderEntry('d2', 'x', { name: 'B', folderId: 'd1' })),
      unplaced(fileEntry('f1', 'x', { name: 'a.pdf', folderId: 'd1' })),
    ]);
    expect(placed).toEqual([]);
    expect(orphans).toHaveLength(3);
  });

  it('places a deep chain (3,000 levels) from any order', () => {
    const depth = 3_000;
    const entries: UnplacedEntry[] = Array.from({ length: depth }, (_, i) =>
      unplaced(folderEntry(`d${i}`, 'x', { name: 'n', folderId: i === 0 ? null : `d${i - 1}` })),
    );
    const { placed } = placeEntries(entries.reverse());
    expect(placed).toHaveLength(depth);
    expect(placed.at(-1)?.path.split('/')).toHaveLength(depth);
  });
});
