/**
 * Indexes of the items whose condition failed in a cancelled transaction (empty for any other error). DynamoDB
 * lists one reason per item, in order, so a store can tell "band exists" from "too many bands".
 *
 * @example
 * ```ts
 * if (failedConditions(error).includes(0)) throw new BandExistsError(bandId);
 * ```
 */
export const failedConditions = (error: unknown): number[] => {
  if ((error as { name?: unknown } | null)?.name !== 'TransactionCanceledException') return [];
  const reasons = (error as { CancellationReasons?: ({ Code?: string } | null)[] }).CancellationReasons ?? [];
  return reasons.flatMap((r, i) => (r?.Code === 'ConditionalCheckFailed' ? [i] : []));
};
