/** How long a read's answer is reused, and the clock that measures it (epoch ms; replaceable in tests). */
export interface CachedReadOptions {
  readonly ttlMs: number;
  /** @default Date.now */
  readonly now?: () => number;
}

/**
 * A read shared for `ttlMs` within one container: calls in the window get the same answer, concurrent callers
 * share one read in flight, and a failed read is not kept, so the next call reads again.
 *
 * @example
 * ```ts
 * const readModules = cachedRead(() => catalogStore().listModules(), { ttlMs: 5_000 });
 * ```
 */
export const cachedRead = <T>(read: () => Promise<T>, options: CachedReadOptions): (() => Promise<T>) => {
  const now = options.now ?? Date.now;
  let cached: { readonly value: Promise<T>; readonly expiresAt: number } | undefined;
  return () => {
    const at = now();
    if (cached && at < cached.expiresAt) return cached.value;
    const entry = { value: read(), expiresAt: at + options.ttlMs };
    cached = entry;
    entry.value.catch(() => {
      if (cached === entry) cached = undefined;
    });
    return entry.value;
  };
};
