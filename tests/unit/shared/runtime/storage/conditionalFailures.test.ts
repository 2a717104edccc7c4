import { describe, expect, it } from 'vitest';
import { failedConditions, isConditionalFailure } from '../../../../../shared/runtime/index.ts';

const cancelled = (...codes: (string | null)[]) =>
  Object.assign(new Error('Transaction cancelled'), {
    name: 'TransactionCanceledException',
    CancellationReasons: codes.map((Code) => (Code === null ? null : { Code })),
  });

describe('DynamoDB condition failures', () => {
  it('tells a lost condition (single write or transaction) from an outage', () => {
    expect(
      isConditionalFailure(Object.assign(new Error(), { name: 'ConditionalCheckFailedException' })),
    ).toBe(true);
    expect(isConditionalFailure(cancelled('None', 'ConditionalCheckFailed'))).toBe(true);
    expect(isConditionalFailure(cancelled('None', 'ThrottlingError'))).toBe(false);
    expect(
      isConditionalFailure(Object.assign(new Error(), { name: 'ProvisionedThroughputExceededException' })),
    ).toBe(false);
    expect(isConditionalFailure(null)).toBe(false);
  });

  it('names the items whose condition failed, by position in the transaction', () => {
    expect(
      failedConditions(cancelled('None', 'ConditionalCheckFailed', null, 'ConditionalCheckFailed')),
    ).toEqual([1, 3]);
    expect(failedConditions(cancelled('None', 'TransactionConflict'))).toEqual([]);
    expect(failedConditions(new Error('network'))).toEqual([]);
  });
});
