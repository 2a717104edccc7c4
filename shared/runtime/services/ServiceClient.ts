import type { Logger } from '@aws-lambda-powertools/logger';
import { type Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import {
  findServiceContract,
  type OperationInput,
  type OperationName,
  type OperationOutput,
  type ServiceModule,
  type ServiceName,
} from '../../contracts/serviceCatalog.ts';
import type { ServiceEntry } from '../catalog/CatalogItems.ts';
import type { ServiceCatalogStore } from '../catalog/ServiceCatalogStore.ts';
import { isPlatformError } from '../errors/PlatformError.ts';
import {
  ServiceCallError,
  type ServiceCallTarget,
  ServiceUnavailableError,
  UnknownServiceError,
  UpstreamTimeoutError,
} from '../errors/upstreamErrors.ts';
import { ValidationError } from '../errors/ValidationError.ts';
import {
  currentCause,
  currentCorrelationId,
  recordServiceCall,
  type ServiceCallRecord,
} from '../observability/currentInvocation.ts';
import { CircuitBreaker, type CircuitBreakerOptions } from './CircuitBreaker.ts';
import { ServiceResponse } from './ServiceInvocation.ts';
import { UndeclaredServiceCallError } from './UndeclaredServiceCallError.ts';

/** Per-call options. */
export interface ServiceCallOptions {
  /** @default the client's default (3000) */
  readonly timeoutMs?: number;
  /** @default the running invocation's correlation id, else a new uuid */
  readonly correlationId?: string;
}

/** Calls declared services of other modules, typed from `shared/contracts/serviceCatalog.ts`. */
export interface ServiceClient {
  call<M extends ServiceModule, S extends ServiceName<M>, O extends OperationName<M, S>>(
    module: M,
    service: S,
    operation: O,
    input: OperationInput<M, S, O>,
    options?: ServiceCallOptions,
  ): Promise<OperationOutput<M, S, O>>;
}

/** How a service client is wired; tests pass fakes, {@link services} passes production clients. */
export interface ServiceClientOptions {
  /** The calling module (sent as `caller`). */
  readonly module: string;
  /**
   * The services the calling module declared in `uses`, as `module/service` (`runtimeConfig.declaredUses()`);
   * any other call is refused before the catalog is read.
   */
  readonly uses: readonly string[];
  readonly catalog: Pick<ServiceCatalogStore, 'getService'>;
  readonly lambda: LambdaClient;
  readonly metrics?: Metrics;
  readonly logger?: Logger;
  /** How long a catalog entry is trusted. @default 60000 */
  readonly catalogTtlMs?: number;
  /** @default 3000 */
  readonly defaultTimeoutMs?: number;
  readonly circuitBreaker?: CircuitBreakerOptions;
  readonly now?: () => number;
}

/** Metric recorded for every call that reached the target, in milliseconds. */
export const SERVICE_CALL_LATENCY_METRIC = 'ServiceCallLatency';

class CallTimedOut extends Error {}

/** The `module/service` key a declared use and a call are compared by. */
const serviceUseKey = (module: string, service: string): string => `${module}/${service}`;

const label = (t: ServiceCallTarget): string => `${t.module}.${t.service}.${t.operation}`;

/**
 * A service client: refuses services with no contract or missing from the caller's `uses`, validates input before and output after, finds the target
 * in the catalog (cached), invokes it with a timeout behind a per-target circuit breaker, and records latency.
 *
 * @example
 * ```ts
 * const client = createServiceClient({
 *   module: 'dashboard',
 *   uses: ['auth/user_service'],
 *   catalog,
 *   lambda: new LambdaClient({}),
 * });
 * const { user } = await client.call('auth', 'user_service', 'getUser', { userId });
 * ```
 */
export const createServiceClient = (options: ServiceClientOptions): ServiceClient => {
  const now = options.now ?? Date.now;
  const ttl = options.catalogTtlMs ?? 60_000;
  const cache = new Map<string, { entry: ServiceEntry; expiresAt: number }>();
  const breakers = new Map<string, CircuitBreaker>();
  const declared = new Set(options.uses);

  const breakerFor = (key: string): CircuitBreaker => {
    let breaker = breakers.get(key);
    if (!breaker) {
      breaker = new CircuitBreaker({ now, ...options.circuitBreaker });
      breakers.set(key, breaker);
    }
    return breaker;
  };

  const lookup = async (target: ServiceCallTarget): Promise<ServiceEntry> => {
    const key = `${target.module}#${target.service}`;
    const cached = cache.get(key);
    if (cached && cached.expiresAt > now()) return cached.entry;
    let entry: ServiceEntry | undefined;
    try {
      entry = await options.catalog.getService(target.module, target.service);
    } catch (error) {
      throw new ServiceUnavailableError(`The service catalog could not be read for ${label(target)}`, error);
    }
    if (!entry) throw new ServiceUnavailableError(`${target.module}.${target.service} is not registered`);
    cache.set(key, { entry, expiresAt: now() + ttl });
    return entry;
  };

  const invoke = async (
    functionName: string,
    payload: unknown,
    timeoutMs: number,
  ): Promise<{ functionError: string | undefined; body: string }> => {
    const abort = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        abort.abort();
        reject(new CallTimedOut());
      }, timeoutMs);
    });
    try {
      const response = await Promise.race([
        options.lambda.send(
          new InvokeCommand({
            FunctionName: functionName,
            InvocationType: 'RequestResponse',
            Payload: new TextEncoder().encode(JSON.stringify(payload)),
          }),
          { abortSignal: abort.signal },
        ),
        timedOut,
      ]);
      return {
        functionError: response.FunctionError,
        body: response.Payload ? new TextDecoder().decode(response.Payload) : '',
      };
    } catch (error) {
      if (error instanceof CallTimedOut || abort.signal.aborted) throw new CallTimedOut();
      throw error;
    } finally {
      clearTimeout(timer);
    }
  };

  const recordLatency = (
    target: ServiceCallTarget,
    ms: number,
    outcome: ServiceCallRecord['outcome'],
  ): void => {
    // The running reaction reports its calls to the flow trace (the event kit takes them).
    recordServiceCall({
      ...target,
      outcome,
      startedAt: new Date(Date.now() - ms).toISOString(),
      durationMs: ms,
    });
    if (!options.metrics) return;
    const metric = options.metrics.singleMetric();
    metric.addDimensions({
      target: `${target.module}.${target.service}`,
      operation: target.operation,
      outcome,
    });
    metric.addMetric(SERVICE_CALL_LATENCY_METRIC, MetricUnit.Milliseconds, ms);
  };

  const call = async (
    module: string,
    service: string,
    operation: string,
    input: unknown,
    callOptions: ServiceCallOptions = {},
  ): Promise<unknown> => {
    const target: ServiceCallTarget = { module, service, operation };
    const contract = findServiceContract(module, service);
    if (!contract) throw new UnknownServiceError(`No contract declares service ${module}.${service}`);
    if (!declared.has(serviceUseKey(module, service))) {
      throw new UndeclaredServiceCallError(options.module, { module, service });
    }
    const op = Object.hasOwn(contract.operations, operation) ? contract.operations[operation] : undefined;
    if (!op) throw new UnknownServiceError(`${module}.${service} has no operation ${operation}`);
    const parsedInput = op.input.safeParse(input);
    if (!parsedInput.success) throw ValidationError.fromZod(parsedInput.error, 'input');

    const key = `${module}#${service}`;
    const breaker = breakerFor(key);
    if (!breaker.tryAcquire()) {
      recordServiceCall({
        ...target,
        outcome: 'unavailable',
        startedAt: new Date().toISOString(),
        durationMs: 0,
      });
      throw new ServiceUnavailableError(`${module}.${service} is failing; calls are paused (circuit open)`);
    }
    let entry: ServiceEntry;
    try {
      entry = await lookup(target);
    } catch (error) {
      // The catalog failing says nothing about the target: release a half-open trial without judging it.
      breaker.abandonTrial();
      recordServiceCall({
        ...target,
        outcome: 'unavailable',
        startedAt: new Date().toISOString(),
        durationMs: 0,
      });
      throw error;
    }

    const started = now();
    const cause = currentCause();
    const payload = {
      operation,
      input: parsedInput.data,
      caller: options.module,
      correlationId: callOptions.correlationId ?? currentCorrelationId() ?? crypto.randomUUID(),
      ...(cause ? { cause: { eventId: cause.eventId, hop: cause.hop } } : {}),
    };
    try {
      const answer = await invoke(
        entry.functionName,
        payload,
        callOptions.timeoutMs ?? options.defaultTimeoutMs ?? 3_000,
      );
      if (answer.functionError) {
        throw new ServiceCallError({
          target,
          status: 502,
          detail: `the function failed (${answer.functionError})`,
        });
      }
      let decoded: unknown;
      try {
        decoded = JSON.parse(answer.body);
      } catch {
        throw new ServiceCallError({ target, status: 502, detail: 'the answer is not JSON' });
      }
      const response = ServiceResponse.safeParse(decoded);
      if (!response.success)
        throw new ServiceCallError({ target, status: 502, detail: 'the answer is malformed' });
      if (!response.data.ok) {
        const { status, type, detail } = response.data.error;
        throw new ServiceCallError({ target, status, detail, upstreamType: type });
      }
      const output = op.output.safeParse(response.data.output);
      if (!output.success) {
        throw new ServiceCallError({ target, status: 502, detail: 'the output does not match the contract' });
      }
      breaker.recordSuccess();
      recordLatency(target, now() - started, 'ok');
      return output.data;
    } catch (error) {
      if (error instanceof CallTimedOut) {
        breaker.recordFailure();
        recordLatency(target, now() - started, 'timeout');
        throw new UpstreamTimeoutError(`${label(target)} did not answer within the timeout`);
      }
      // A provider's 4xx is a healthy provider refusing a request: it must not open the circuit.
      const refused = isPlatformError(error) && error.status < 500;
      if (refused) breaker.recordSuccess();
      else breaker.recordFailure();
      recordLatency(target, now() - started, refused ? 'refused' : 'error');
      if ((error as { name?: string }).name === 'ResourceNotFoundException') cache.delete(key);
      options.logger?.warn('service call failed', { target: label(target), error: error as Error });
      if (isPlatformError(error)) throw error;
      throw new ServiceCallError({ target, status: 502, detail: (error as Error).message, cause: error });
    }
  };

  return { call } as ServiceClient;
};
