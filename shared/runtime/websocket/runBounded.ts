/**
 * Runs `task` over every item with at most `concurrency` tasks in flight, and returns the results in the
 * items' order. A rejected task rejects the whole run (tasks that must not abort the others catch their
 * own errors).
 *
 * @example
 * ```ts
 * const outcomes = await runBounded(connectionIds, 10, (id) => notifier.send(id, message));
 * ```
 */
export const runBounded = async <T, R>(
  items: readonly T[],
  concurrency: number,
  task: (item: T, index: number) => Promise<R>,
): Promise<R[]> => {
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new RangeError(`concurrency must be a positive integer, got ${concurrency}`);
  }
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
};
