import type { InvocationResult, InvokeFunction } from '../shared/InvocationResult.ts';

/**
 * What the edge servers need from the function runner: run one function with one event, Lambda style
 * (the runner's `InvokeFunction`). `ok: false` is a function error with Lambda's `errorType`.
 */
export type Invoke = InvokeFunction;

/** The result of one invocation. */
export type InvokeOutcome = InvocationResult;

/** Error type the edges report when API Gateway stops waiting for an integration. */
export const INTEGRATION_TIMEOUT_ERROR = 'IntegrationTimeout';

/** Lambda error types that mean "throttled" rather than "failed" (API Gateway then answers 503, not 500). */
export const isThrottledError = (errorType: string): boolean => /TooManyRequests|Throttl/i.test(errorType);

/**
 * Invokes a function as an API Gateway integration: the function keeps its own timeout (a function
 * timeout is a function error), but the gateway stops waiting after `integrationTimeoutMs` and reports
 * `IntegrationTimeout` — the invocation itself runs on, as on AWS.
 */
export const invokeAsIntegration = async (
  invoke: Invoke,
  functionId: string,
  event: unknown,
  integrationTimeoutMs: number,
): Promise<InvokeOutcome> => {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<InvokeOutcome>((resolve) => {
    timer = setTimeout(
      () =>
        resolve({
          ok: false,
          errorType: INTEGRATION_TIMEOUT_ERROR,
          errorMessage: `Endpoint request timed out after ${integrationTimeoutMs} ms`,
        }),
      integrationTimeoutMs,
    );
  });
  try {
    return await Promise.race([invoke(functionId, event), timeout]);
  } finally {
    clearTimeout(timer);
  }
};
