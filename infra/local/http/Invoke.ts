/**
 * What the edge servers need from the function runner: run one function with one event, Lambda style.
 * `ok: false` is a function error (thrown, timed out, throttled...), with Lambda's `errorType`.
 *
 * @example
 * const outcome = await invoke('core-getHealth', event, { timeoutMs: 30_000 });
 * if (outcome.ok) use(outcome.result);
 */
export type Invoke = (
  functionId: string,
  event: unknown,
  options?: { timeoutMs?: number },
) => Promise<InvokeOutcome>;

/** The result of one invocation. */
export type InvokeOutcome =
  | { ok: true; result: unknown }
  | { ok: false; errorType: string; errorMessage: string };

/** Lambda error types that mean "throttled" rather than "failed" (API Gateway then answers 503, not 500). */
export const isThrottledError = (errorType: string): boolean => /TooManyRequests|Throttl/i.test(errorType);
