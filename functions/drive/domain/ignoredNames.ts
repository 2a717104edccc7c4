import { isTransientFileName } from '../../../shared/folderWatch/transientFileNames.ts';

/**
 * Whether a name in a library is noise rather than part of it: the transient names every watched folder
 * ignores (`isTransientFileName`: dotfiles, `~$x`, `x~`, `x.swp`, `x.part`, `Thumbs.db`, ...). The same rule
 * applies to Google Drive listings (desktop sync clients put these there too). Everything else is listed,
 * conforming to the naming rules or not.
 *
 * @example
 * ```ts
 * isIgnoredLibraryName('~$AllOfMe.docx'); // true
 * isIgnoredLibraryName('AllOfMe_Bb.pdf'); // false
 * ```
 */
export const isIgnoredLibraryName = (name: string): boolean => isTransientFileName(name);
