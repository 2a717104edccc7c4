/** Endings of files that are still being written or are an editor's scratch copy. */
const TRANSIENT_SUFFIXES = [
  '.part',
  '.partial',
  '.crdownload',
  '.download',
  '.tmp',
  '.swp',
  '.swo',
  '.swx',
  '~',
];

/** Files operating systems drop into folders on their own. */
const SYSTEM_FILES = new Set(['thumbs.db', 'desktop.ini', 'icon\r']);

/**
 * Whether a file name is noise rather than content: dotfiles and dot-folders (`.DS_Store`, `.#x` Emacs
 * locks, `.~lock.x#` LibreOffice locks, `.git`), Office owner files (`~$x.docx`), editor backups and swap
 * files (`x~`, `x.swp`), downloads in progress (`x.part`, `x.crdownload`) and OS droppings (`Thumbs.db`,
 * `desktop.ini`). A watched folder does not count them as changes; their final rename does.
 *
 * @example
 * ```ts
 * isTransientFileName('~$AllOfMe.docx'); // true
 * isTransientFileName('AllOfMe_Bb.pdf'); // false
 * ```
 */
export const isTransientFileName = (name: string): boolean => {
  if (name.startsWith('.') || name.startsWith('~$')) return true;
  const lower = name.toLowerCase();
  return SYSTEM_FILES.has(lower) || TRANSIENT_SUFFIXES.some((suffix) => lower.endsWith(suffix));
};
