import { describe, expect, it } from 'vitest';
import type { LibraryEntry } from '../../../../../functions/drive/domain/libraryEntry.ts';
import {
  resolveFolderIdentities,
  type ScannedItem,
} from '../../../../../functions/drive/domain/resolveFolderIdentities.ts';
import { fileEntry, folderEntry } from '../../../../helpers/libraryEntries.ts';

const scanned = (entry: LibraryEntry, overrides: Partial<ScannedItem> = {}): ScannedItem => {
  const { fileId: _f, folderId: _d, version: _v, ...rest } = entry;
  return { ...rest, ...overrides };
};
const counter = () => {
  let n = 0;
  return () => `new-${++n}`;
};
const idsByPath = (entries: { path: string; fileId: string }[]) =>
  Object.fromEntries(entries.map((e) => [e.path, e.fileId]));

const charts = folderEntry('d1', 'Charts');
const a = fileEntry('f1', 'Charts/AllOfMe_Bb.pdf', { folderId: 'd1', checksum: 'sha256:aaa' });
const b = fileEntry('f2', 'Charts/Misty_Eb.pdf', { folderId: 'd1', checksum: 'sha256:bbb' });

describe('resolveFolderIdentities', () => {
  it('keeps the id of every item still at its path and gives new ones new ids, placed under their folder', () => {
    const result = resolveFolderIdentities(
      [charts, a],
      [scanned(charts), scanned(a), scanned(b, { checksum: 'sha256:ccc' })],
      counter(),
    );
    expect(idsByPath(result)).toEqual({
      Charts: 'd1',
      'Charts/AllOfMe_Bb.pdf': 'f1',
      'Charts/Misty_Eb.pdf': 'new-1',
    });
    expect(result.find((e) => e.fileId === 'new-1')?.folderId).toBe('d1');
  });

  it('keeps the id of a file renamed in place (vanished path + new path with the same bytes)', () => {
    const result = resolveFolderIdentities(
      [charts, a, b],
      [
        scanned(charts),
        scanned(a, { path: 'Charts/All_Of_Me_Bb.pdf', name: 'All_Of_Me_Bb.pdf' }),
        scanned(b),
      ],
      counter(),
    );
    expect(idsByPath(result)).toMatchObject({ 'Charts/All_Of_Me_Bb.pdf': 'f1', 'Charts/Misty_Eb.pdf': 'f2' });
  });

  it('keeps the id of a file moved to a new subfolder, which itself is new', () => {
    const result = resolveFolderIdentities(
      [charts, a],
      [
        scanned(charts),
        scanned(folderEntry('x', 'Charts/Set1')),
        scanned(a, { path: 'Charts/Set1/AllOfMe_Bb.pdf' }),
      ],
      counter(),
    );
    expect(idsByPath(result)).toEqual({
      Charts: 'd1',
      'Charts/Set1': 'new-1',
      'Charts/Set1/AllOfMe_Bb.pdf': 'f1',
    });
    expect(result.find((e) => e.fileId === 'f1')?.folderId).toBe('new-1');
  });

  it('pairs identical copies by best fit: same name first, then same folder', () => {
    const copy1 = fileEntry('c1', 'A/Song_Bb.pdf', { checksum: 'sha256:same' });
    const copy2 = fileEntry('c2', 'B/Other_Bb.pdf', { checksum: 'sha256:same' });
    const result = resolveFolderIdentities(
      [folderEntry('dA', 'A'), folderEntry('dB', 'B'), copy1, copy2],
      [
        scanned(folderEntry('dA', 'A')),
        scanned(folderEntry('dB', 'B')),
        scanned(copy1, { path: 'B/Renamed_Bb.pdf', name: 'Renamed_Bb.pdf' }),
        scanned(copy2, { path: 'A/Other_Bb.pdf' }),
      ],
      counter(),
    );
    expect(idsByPath(result)).toMatchObject({ 'A/Other_Bb.pdf': 'c2', 'B/Renamed_Bb.pdf': 'c1' });
  });

  it('never pairs empty files (they all share one checksum)', () => {
    const empty = fileEntry('e1', 'Empty.txt', { sizeBytes: 0, checksum: 'sha256:e3b0' });
    const result = resolveFolderIdentities(
      [empty],
      [scanned(empty, { path: 'Other.txt', name: 'Other.txt' })],
      counter(),
    );
    expect(idsByPath(result)).toEqual({ 'Other.txt': 'new-1' });
  });

  it('treats a rename with new bytes as a new file (nothing ties the two)', () => {
    const result = resolveFolderIdentities(
      [charts, a],
      [scanned(charts), scanned(a, { path: 'Charts/X.pdf', name: 'X.pdf', checksum: 'sha256:zzz' })],
      counter(),
    );
    expect(idsByPath(result)).toEqual({ Charts: 'd1', 'Charts/X.pdf': 'new-1' });
  });

  it('keeps a renamed folder’s id when its files moved with it, nested folders included', () => {
    const sub = folderEntry('d2', 'Charts/Set1', { folderId: 'd1' });
    const deep = fileEntry('f3', 'Charts/Set1/Deep_Bb.pdf', { folderId: 'd2', checksum: 'sha256:ddd' });
    const result = resolveFolderIdentities(
      [charts, sub, a, deep],
      [
        scanned(charts, { path: 'Parts', name: 'Parts' }),
        scanned(sub, { path: 'Parts/Set1' }),
        scanned(a, { path: 'Parts/AllOfMe_Bb.pdf' }),
        scanned(deep, { path: 'Parts/Set1/Deep_Bb.pdf' }),
      ],
      counter(),
    );
    expect(idsByPath(result)).toEqual({
      Parts: 'd1',
      'Parts/Set1': 'd2',
      'Parts/AllOfMe_Bb.pdf': 'f1',
      'Parts/Set1/Deep_Bb.pdf': 'f3',
    });
    expect(result.find((e) => e.fileId === 'f3')?.folderId).toBe('d2');
  });

  it('refuses a scan that lists an item without its folder', () => {
    expect(() => resolveFolderIdentities([], [scanned(a)], counter())).toThrow(/not its folder Charts/);
  });
});
