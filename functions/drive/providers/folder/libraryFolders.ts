import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { EntityId } from '../../../../shared/contracts/identifiers.ts';
import { isSafeLibraryPath } from '../../domain/libraryPathRules.ts';
import { LibraryFileMissingError, LibraryPathRefusedError } from './folderErrors.ts';

/**
 * The folder of one band's library under the libraries' root: `<root>/<bandId>`. A band id is an
 * `EntityId` (letters, digits, `.`, `_`, `:`, `-`, starting with a letter or digit), so it can name neither
 * a parent nor a nested folder; anything else is refused.
 */
export const bandLibraryDir = (root: string, bandId: string): string => {
  if (!EntityId.safeParse(bandId).success) throw new LibraryPathRefusedError(bandId);
  return path.join(root, bandId);
};

/** Whether `candidate` (a real path) is `dir` (a real path) or inside it. */
export const isInside = (dir: string, candidate: string): boolean =>
  candidate === dir || candidate.startsWith(dir.endsWith(path.sep) ? dir : `${dir}${path.sep}`);

/**
 * The real path of a library file, checked to stay inside the band's folder: the relative path is checked
 * first (no `..`, nothing absolute), then the real path of the result (no symlink out of the library).
 *
 * @example await resolveInsideLibrary('/data/library/band-1', 'Charts/AllOfMe_Bb.pdf');
 */
export const resolveInsideLibrary = async (bandDir: string, relativePath: string): Promise<string> => {
  if (!isSafeLibraryPath(relativePath)) throw new LibraryPathRefusedError(relativePath);
  let real: string;
  let realDir: string;
  try {
    realDir = await realpath(bandDir);
    real = await realpath(path.join(bandDir, ...relativePath.split('/')));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new LibraryFileMissingError(relativePath);
    throw error;
  }
  if (!isInside(realDir, real) || real === realDir) throw new LibraryPathRefusedError(relativePath);
  return real;
};
