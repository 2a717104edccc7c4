import { MAX_EXTENSION_LENGTH } from '../../../shared/contracts/fileNameReading.ts';

const EXTENSION = new RegExp(`^[A-Za-z0-9]{1,${MAX_EXTENSION_LENGTH}}$`);

export interface BaseAndExtension {
  /** The name without its extension: `My.Song_Bb` for `My.Song_Bb.pdf`. */
  readonly base: string;
  /** Lower-cased (`.PDF` is a PDF); empty when the name has none. */
  readonly extension: string;
}

/**
 * Splits at the last dot. What follows it is an extension only when it looks like one (letters and digits), so
 * `My.Song_Bb` and `Mr. Jones` have none; a leading dot (`.DS_Store`) starts a hidden name, not an extension.
 */
export const splitExtension = (name: string): BaseAndExtension => {
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return { base: name, extension: '' };
  const after = name.slice(dot + 1);
  if (after === '') return { base: name.slice(0, dot), extension: '' };
  if (!EXTENSION.test(after)) return { base: name, extension: '' };
  return { base: name.slice(0, dot), extension: after.toLowerCase() };
};

/**
 * The file name at the end of a library path (`Charts/Set 1/AllOfMe_Bb.pdf`): folders never change what a name
 * means, so the reader only ever sees this part. Both separators count, for paths copied from Windows.
 */
export const lastPathSegment = (path: string): string => {
  const cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return cut < 0 ? path : path.slice(cut + 1);
};
