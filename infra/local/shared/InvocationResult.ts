/** What a local invocation returns: the handler's JSON result, or a Lambda-like error. */
export type InvocationResult =
  | { readonly ok: true; readonly result: unknown }
  | { readonly ok: false; readonly errorType: string; readonly errorMessage: string };

export interface InvokeOptions {
  /** Overrides the function's timeout for this invocation. */
  readonly timeoutMs?: number;
}

/**
 * Runs a model function by id, as Lambda would: one event in, one result or error out. The HTTP and
 * WebSocket servers, the event router, the schedules and the Lambda endpoint all invoke through this.
 */
export type InvokeFunction = (
  functionId: string,
  event: unknown,
  options?: InvokeOptions,
) => Promise<InvocationResult>;

/** Error types the runner itself produces (the rest are the handlers' own error names). */
export const RUNTIME_ERRORS = {
  timeout: 'Sandbox.Timedout',
  exit: 'Runtime.ExitError',
  init: 'Runtime.ImportModuleError',
  handlerNotFound: 'Runtime.HandlerNotFound',
  unknownFunction: 'ResourceNotFoundException',
  stopped: 'Runtime.Stopped',
} as const;

/** Lambda's own wording, so logs and tests read the same here and on AWS. */
export const timeoutMessage = (timeoutMs: number): string =>
  `Task timed out after ${(timeoutMs / 1000).toFixed(2)} seconds`;
