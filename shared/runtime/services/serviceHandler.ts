import type { Logger } from '@aws-lambda-powertools/logger';
import type { Metrics } from '@aws-lambda-powertools/metrics';
import middy, { type MiddlewareObj } from '@middy/core';
import type { Context } from 'aws-lambda';
import type { z } from 'zod';
import type { ServiceContract, ServiceOperation } from '../../contracts/defineService.ts';
import { isPlatformError, PlatformError, PROBLEM_TYPE_BASE } from '../errors/PlatformError.ts';
import { NotFoundError } from '../errors/requestErrors.ts';
import { toProblem } from '../errors/toProblem.ts';
import { ValidationError } from '../errors/ValidationError.ts';
import { setCurrentCause } from '../observability/currentInvocation.ts';
import { createLogger } from '../observability/logger.ts';
import { createMetrics } from '../observability/metrics.ts';
import { observabilityMiddleware } from '../observability/observabilityMiddleware.ts';
import { ServiceInvocation, type ServiceResponse } from './ServiceInvocation.ts';

/** What an operation implementation receives besides its input. */
export interface ServiceCallContext {
  /** The calling module. */
  readonly caller: string;
  readonly correlationId: string;
  readonly logger: Logger;
  readonly metrics: Metrics;
}

/** One implementation per operation of the contract, typed from its schemas. */
export type ServiceImplementation<Ops extends Record<string, ServiceOperation>> = {
  readonly [K in keyof Ops]: (
    input: z.infer<Ops[K]['input']>,
    ctx: ServiceCallContext,
  ) => Promise<z.input<Ops[K]['output']>>;
};

/** Options of {@link serviceHandler}, for tests. */
export interface ServiceHandlerOptions {
  readonly logger?: Logger;
  readonly metrics?: Metrics;
}

/** The Lambda handler serviceHandler returns. */
export type ServiceLambdaHandler = (payload: unknown, context: Context) => Promise<ServiceResponse>;

/** The provider answered with output that breaks its own contract: a bug on the provider's side. */
export class ServiceContractViolationError extends PlatformError {
  constructor(detail: string) {
    super({ status: 500, type: 'service-contract-violation', title: 'A service broke its contract', detail });
  }
}

const failure = (error: unknown): ServiceResponse => {
  const problem = toProblem(error);
  return {
    ok: false,
    error: {
      type: problem.type.startsWith(PROBLEM_TYPE_BASE)
        ? problem.type.slice(PROBLEM_TYPE_BASE.length)
        : problem.type,
      title: problem.title,
      status: problem.status,
      detail: problem.detail,
    },
  };
};

const correlationIdOf = (payload: unknown): string => {
  const value = (payload as { correlationId?: unknown } | null)?.correlationId;
  return typeof value === 'string' && value.length <= 128 ? value : 'unknown';
};

/**
 * Serves every operation of a service from one Lambda. Validates the operation name and input (→ `ok:false`
 * 400), runs the implementation, validates its output (→ `ok:false` 500: a provider bug) and maps thrown
 * {@link PlatformError}s to `ok:false` with their status. Never throws: failures cross as data.
 *
 * @example
 * ```ts
 * export const handler = serviceHandler(userService, {
 *   getUser: async ({ userId }) => ({ user: await users.find(userId) }),
 *   ...
 * });
 * ```
 */
export const serviceHandler = <Ops extends Record<string, ServiceOperation>>(
  contract: ServiceContract<Ops>,
  impl: ServiceImplementation<Ops>,
  options: ServiceHandlerOptions = {},
): ServiceLambdaHandler => {
  const logger = options.logger ?? createLogger(contract.module);
  const metrics = options.metrics ?? createMetrics(contract.module);

  const base = async (payload: unknown): Promise<ServiceResponse> => {
    const invocation = ServiceInvocation.safeParse(payload);
    if (!invocation.success) return failure(ValidationError.fromZod(invocation.error, 'invocation'));
    const { operation, input, caller, correlationId, cause } = invocation.data;
    setCurrentCause(cause);
    const op = Object.hasOwn(contract.operations, operation) ? contract.operations[operation] : undefined;
    const run = Object.hasOwn(impl, operation) ? impl[operation as keyof Ops] : undefined;
    if (!op || !run) {
      return failure(new NotFoundError(`${contract.module}.${contract.name} has no operation ${operation}`));
    }
    const parsedInput = op.input.safeParse(input);
    if (!parsedInput.success) return failure(ValidationError.fromZod(parsedInput.error, 'input'));
    try {
      const output = await run(parsedInput.data as never, { caller, correlationId, logger, metrics });
      const parsedOutput = op.output.safeParse(output);
      if (!parsedOutput.success) {
        const violation = new ServiceContractViolationError(
          `${contract.name}.${operation} returned output that does not match its schema`,
        );
        logger.error('service output broke the contract', { operation, issues: parsedOutput.error.issues });
        return failure(violation);
      }
      return { ok: true, output: parsedOutput.data };
    } catch (error) {
      if (isPlatformError(error) && error.status < 500) {
        logger.info('operation refused', { operation, caller, status: error.status, type: error.type });
      } else {
        logger.error('operation failed', { operation, caller, error });
      }
      return failure(error);
    }
  };

  const lastResort: MiddlewareObj<unknown, ServiceResponse, Error, Context> = {
    onError: (request) => {
      logger.error('service invocation failed', request.error as Error);
      request.response = failure(request.error);
    },
  };

  return middy<unknown, ServiceResponse, Error, Context>(base)
    .use(observabilityMiddleware<unknown>({ logger, metrics, correlationId: correlationIdOf }))
    .use(lastResort) as unknown as ServiceLambdaHandler;
};
