import type { InvokeOutcome } from '../../../../../infra/local/http/Invoke.ts';
import { DEFAULT_ROUTE_THROTTLE } from '../../../../../shared/platformModel/modelConstants.ts';
import type {
  PlatformModel,
  RouteModel,
  ThrottlingModel,
} from '../../../../../shared/platformModel/PlatformModel.ts';

/** A hand-made model with just what the edge servers read: routes, WebSocket routes, the authorizer, throttling. */
export const edgeTestModel = (parts: {
  routes?: Partial<RouteModel>[];
  throttling?: ThrottlingModel;
  webSocketRoutes?: { routeKey: string; functionId: string }[];
  authorizerFunctionId?: string | null;
}): PlatformModel => ({
  modules: [],
  events: [],
  rules: [],
  routes: (parts.routes ?? []).map((route) => ({
    module: 'demo',
    method: 'GET',
    path: '/api/demo',
    auth: 'public',
    description: 'test route',
    functionId: 'demo-route',
    localOnly: false,
    ...route,
  })),
  webSocketRoutes: (parts.webSocketRoutes ?? []).map((route) => ({ module: 'sync', ...route })),
  services: [],
  tables: [],
  schedules: [],
  functions: [],
  metrics: [],
  alarms: [],
  throttling: parts.throttling ?? { default: DEFAULT_ROUTE_THROTTLE, routes: [] },
  authorizer:
    parts.authorizerFunctionId === undefined || parts.authorizerFunctionId === null
      ? null
      : { module: 'auth', functionId: parts.authorizerFunctionId },
});

/** A recorded invocation. */
export interface RecordedCall {
  readonly functionId: string;
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary event members
  readonly event: any;
}

/**
 * A fake `invoke` that answers from per-function handlers and records every call. A handler may return an
 * `InvokeOutcome` (to fail) by wrapping it with `fail()`; anything else is the function's result.
 */
export const fakeInvoke = (handlers: Record<string, (event: unknown) => unknown>) => {
  const calls: RecordedCall[] = [];
  const invoke = async (functionId: string, event: unknown): Promise<InvokeOutcome> => {
    calls.push({ functionId, event });
    const handler = handlers[functionId];
    if (handler === undefined)
      return { ok: false, errorType: 'ResourceNotFoundException', errorMessage: functionId };
    const result = await handler(event);
    if (result instanceof FailedInvocation) return result.outcome;
    return { ok: true, result };
  };
  return { invoke, calls };
};

class FailedInvocation {
  constructor(readonly outcome: InvokeOutcome) {}
}

/** Makes a fake function fail with a Lambda error type. */
export const fail = (errorType: string, errorMessage = 'failed'): FailedInvocation =>
  new FailedInvocation({ ok: false, errorType, errorMessage });
