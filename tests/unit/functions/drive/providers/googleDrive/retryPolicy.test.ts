import { describe, expect, it } from 'vitest';
import {
  backoffDelayMs,
  DEFAULT_RETRY_POLICY,
  googleErrorReason,
  isRetryableAnswer,
  retryAfterMs,
} from '../../../../../../functions/drive/providers/googleDrive/retryPolicy.ts';

describe('backoffDelayMs', () => {
  it('draws uniformly below a ceiling that doubles per attempt and stops at maxDelayMs', () => {
    const top = () => 0.999_999_9;
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => backoffDelayMs(n, DEFAULT_RETRY_POLICY, top))).toEqual([
      499, 999, 1999, 3999, 7999, 15_999, 15_999,
    ]);
    expect(backoffDelayMs(4, DEFAULT_RETRY_POLICY, () => 0)).toBe(0);
    expect(backoffDelayMs(4, DEFAULT_RETRY_POLICY, () => 0.5)).toBe(2000);
  });
});

describe('retryAfterMs', () => {
  const now = Date.parse('2026-11-24T10:00:00.000Z');
  it.each([
    ['120', 120_000],
    ['0', 0],
    ['Tue, 24 Nov 2026 10:00:30 GMT', 30_000],
    ['Tue, 24 Nov 2026 09:00:00 GMT', 0],
    ['soon', null],
    ['', null],
    [null, null],
  ])('reads %j as %j ms', (header, expected) => {
    expect(retryAfterMs(header, now)).toBe(expected);
  });
});

describe('which answers are retried', () => {
  it('reads the reason of a Google error body, from errors[] or details[]', () => {
    expect(googleErrorReason({ error: { code: 403, errors: [{ reason: 'userRateLimitExceeded' }] } })).toBe(
      'userRateLimitExceeded',
    );
    expect(googleErrorReason({ error: { details: [{ reason: 'RATE_LIMIT_EXCEEDED' }] } })).toBe(
      'RATE_LIMIT_EXCEEDED',
    );
    expect(googleErrorReason({ error: 'invalid_grant' })).toBeNull();
    expect(googleErrorReason('<html>')).toBeNull();
  });

  it.each([
    [429, null, true],
    [500, null, true],
    [503, 'backendError', true],
    [403, 'userRateLimitExceeded', true],
    [403, 'rateLimitExceeded', true],
    [403, 'insufficientFilePermissions', false],
    [403, null, false],
    [400, 'invalid', false],
    [404, 'notFound', false],
  ])('%i %s → retry: %s', (status, reason, expected) => {
    expect(isRetryableAnswer(status, reason)).toBe(expected);
  });
});
