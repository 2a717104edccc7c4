/** Data a function container starts with. */
export interface WorkerBootData {
  /** `file:` URL of the handler's bundle (FunctionBundles). */
  readonly handlerUrl: string;
  readonly exportName: string;
  readonly functionName: string;
  readonly memoryMb: number;
  readonly region: string;
  readonly account: string;
}

/** Parent → container: run one invocation. */
export interface InvokeMessage {
  readonly type: 'invoke';
  readonly requestId: string;
  /**
   * The event as JSON text, as Lambda hands a function its payload: a string crosses to the thread as one copy,
   * where the structured clone of an object walked it on the platform's thread — which every delivery shares.
   */
  readonly payload: string;
  /** Epoch ms when the invocation times out (for `context.getRemainingTimeInMillis`). */
  readonly deadline: number;
}

/** Container → parent. */
export type WorkerMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'init-error'; readonly errorType: string; readonly errorMessage: string }
  | { readonly type: 'result'; readonly requestId: string; readonly payload: string }
  | {
      readonly type: 'error';
      readonly requestId: string;
      readonly errorType: string;
      readonly errorMessage: string;
    };
