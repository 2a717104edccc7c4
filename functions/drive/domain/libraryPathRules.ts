/**
 * Whether a relative library path may be joined to a library root: `/`-separated names, none empty, `.` or
 * `..`, no backslash (a separator on Windows), no NUL, not absolute. What the drive stored always is; a
 * path from anywhere else is checked before it touches the file system.
 *
 * @example
 * ```ts
 * isSafeLibraryPath('Charts/AllOfMe_Bb.pdf'); // true
 * isSafeLibraryPath('../other-band/x.pdf'); // false
 * ```
 */
export const isSafeLibraryPath = (path: string): boolean => {
  if (path === '' || path.includes('\\') || path.includes('\0') || /^[A-Za-z]:/.test(path)) return false;
  return path.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..');
};
