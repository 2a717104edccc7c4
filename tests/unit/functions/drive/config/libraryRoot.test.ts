import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { libraryRootDir } from '../../../../../functions/drive/config/libraryRoot.ts';

describe('libraryRootDir', () => {
  it('is <data dir>/library unless SOLEIL_LIBRARY_DIR says otherwise', () => {
    expect(libraryRootDir({}, '/data/soleil')).toBe(path.resolve('/data/soleil/library'));
    expect(libraryRootDir({ SOLEIL_LIBRARY_DIR: ' ' }, '/data/soleil')).toBe(
      path.resolve('/data/soleil/library'),
    );
    expect(libraryRootDir({ SOLEIL_LIBRARY_DIR: '/srv/band-libraries' }, '/data/soleil')).toBe(
      path.resolve('/srv/band-libraries'),
    );
    expect(libraryRootDir({}, '.soleil')).toBe(path.resolve('.soleil', 'library'));
  });
});
