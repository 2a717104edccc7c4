/**
 * The removals a batch of changes implies for bands other than the one a file is in now: a file moved from
 * band A's folder to band B's (or out of every library) arrives as a change of B (or of none), and A must
 * drop it. `holders` says which band holds each changed id now (from the drive's state).
 *
 * @example
 * ```ts
 * removalsFromFormerBands(new Map([['f1', 'band-b']]), new Map([['f1', 'band-a']]));
 * // Map { 'band-a' => ['f1'] }
 * ```
 */
export const removalsFromFormerBands = (
  currentBandOf: ReadonlyMap<string, string | null>,
  holders: ReadonlyMap<string, string>,
): Map<string, string[]> => {
  const removals = new Map<string, string[]>();
  for (const [fileId, bandNow] of currentBandOf) {
    const holder = holders.get(fileId);
    if (holder === undefined || holder === bandNow) continue;
    const list = removals.get(holder) ?? [];
    list.push(fileId);
    removals.set(holder, list);
  }
  return removals;
};
