/** The song key a page ends at, as the opaque cursor clients pass back (base64url of a small JSON object). */
export const encodeSongCursor = (after: string): string =>
  Buffer.from(JSON.stringify({ v: 1, after }), 'utf8').toString('base64url');

/** The song key a cursor continues after, or `null` when the cursor is not one this module issued. */
export const decodeSongCursor = (cursor: string): string | null => {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (typeof value !== 'object' || value === null) return null;
    const { v, after } = value as { v?: unknown; after?: unknown };
    return v === 1 && typeof after === 'string' && after.length > 0 && after.length <= 255 ? after : null;
  } catch {
    return null;
  }
};
