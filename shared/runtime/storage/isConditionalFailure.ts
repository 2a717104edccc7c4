/**
 * Whether a DynamoDB error is a lost condition (single write or transaction), as opposed to an outage: the
 * first is an answer ("already there", "changed meanwhile"), the second must propagate.
 */
export const isConditionalFailure = (error: unknown): boolean => {
  const name = (error as { name?: unknown } | null)?.name;
  if (name === 'ConditionalCheckFailedException') return true;
  if (name !== 'TransactionCanceledException') return false;
  const reasons = (error as { CancellationReasons?: ({ Code?: string } | null)[] }).CancellationReasons ?? [];
  return reasons.some((r) => r?.Code === 'ConditionalCheckFailed');
};
