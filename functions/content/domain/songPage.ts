import { compareUtf8 } from './utf8Order.ts';

/** How far one partition's read has come: the song key of its last file read, and whether it has more. */
export interface PartitionProgress {
  readonly lastSongKey: string | null;
  readonly exhausted: boolean;
}

/**
 * The song key below which every partition has handed over all its files: the smallest last key among the
 * partitions that have more. `null` when every partition is exhausted (every song read is complete). A song at
 * the horizon itself may still have files further on in some partition.
 */
export const pageHorizon = (
  partitions: readonly PartitionProgress[],
  after: string | null,
): string | null => {
  let horizon: string | null = null;
  for (const { lastSongKey, exhausted } of partitions) {
    if (exhausted) continue;
    // A partition with more but nothing read yet holds the horizon at the cursor: nothing is known complete.
    const key = lastSongKey ?? after ?? '';
    if (horizon === null || compareUtf8(key, horizon) < 0) horizon = key;
  }
  return horizon;
};

/** A page of song keys, or the verdict that more must be read first. */
export type SongPageCut =
  | { readonly complete: true; readonly songKeys: string[]; readonly nextAfter: string | null }
  | { readonly complete: false };

/**
 * Cuts a page of `limit` songs from the song keys read so far (any order, repeats allowed) given the horizon:
 * only songs below it are complete. Enough complete songs make a page (with the key to continue after); when
 * every partition is exhausted, what there is makes the last page; otherwise more must be read.
 */
export const cutSongPage = (
  songKeys: Iterable<string>,
  horizon: string | null,
  limit: number,
): SongPageCut => {
  const complete = [...new Set(songKeys)]
    .filter((key) => horizon === null || compareUtf8(key, horizon) < 0)
    .sort(compareUtf8);
  if (complete.length > limit) {
    const page = complete.slice(0, limit);
    return { complete: true, songKeys: page, nextAfter: page[page.length - 1] ?? null };
  }
  if (horizon === null) return { complete: true, songKeys: complete, nextAfter: null };
  if (complete.length === limit) {
    return { complete: true, songKeys: complete, nextAfter: complete[complete.length - 1] ?? null };
  }
  return { complete: false };
};
