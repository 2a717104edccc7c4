import { describe, expect, it } from 'vitest';
import { lastPathSegment, splitExtension } from '../../../../../functions/content/domain/splitExtension.ts';

describe('splitExtension', () => {
  it.each([
    ['AllOfMe_Bb.pdf', 'AllOfMe_Bb', 'pdf'],
    ['AllOfMe_Bb.PDF', 'AllOfMe_Bb', 'pdf'],
    ['My.Song_Bb.pdf', 'My.Song_Bb', 'pdf'],
    ['Song.tar.gz', 'Song.tar', 'gz'],
    ['My.Song_Bb', 'My.Song_Bb', ''],
    ['Mr. Jones', 'Mr. Jones', ''],
    ['Song.', 'Song', ''],
    ['.DS_Store', '.DS_Store', ''],
    ['Song', 'Song', ''],
    ['Song.abcdefghijklmnop', 'Song', 'abcdefghijklmnop'],
    ['Song.abcdefghijklmnopq', 'Song.abcdefghijklmnopq', ''],
    ['Song.pdf\u00e9', 'Song.pdf\u00e9', ''],
  ])('%j → base %j, extension %j', (name, base, extension) => {
    expect(splitExtension(name)).toEqual({ base, extension });
  });
});

describe('lastPathSegment', () => {
  it.each([
    ['AllOfMe_Bb.pdf', 'AllOfMe_Bb.pdf'],
    ['Charts/Set 1/AllOfMe_Bb.pdf', 'AllOfMe_Bb.pdf'],
    ['Charts\\AllOfMe_Bb.pdf', 'AllOfMe_Bb.pdf'],
    ['Charts\\Horns/AllOfMe_Bb.pdf', 'AllOfMe_Bb.pdf'],
    ['Charts/', ''],
  ])('%j → %j', (path, name) => {
    expect(lastPathSegment(path)).toBe(name);
  });
});
