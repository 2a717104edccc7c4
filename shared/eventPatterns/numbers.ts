import { InvalidEventPatternError } from './InvalidEventPatternError.ts';

/** EventBridge only compares numbers within ±5.0e9, to six decimal places. */
const NUMERIC_LIMIT = 5e9;

/**
 * Brings a number onto EventBridge's comparison grid: six decimals, truncated, offset so the value is
 * non-negative. Two numbers AWS considers equal get the same key (e.g. `3.0000001` and `3`).
 * Only meaningful for numbers within {@link NUMERIC_LIMIT}.
 */
export function comparableNumber(value: number): number {
  return Math.floor((NUMERIC_LIMIT + value) * 1e6);
}

/** Whether the number can take part in numeric matching at all. */
export function isComparable(value: number): boolean {
  return value >= -NUMERIC_LIMIT && value <= NUMERIC_LIMIT;
}

/** Pattern-side conversion: rejects numbers outside the range with AWS's message. */
export function comparablePatternNumber(value: number): number {
  if (!isComparable(value)) {
    throw new InvalidEventPatternError('Value must be between -5.0E9 and 5.0E9, inclusive');
  }
  return comparableNumber(value);
}
