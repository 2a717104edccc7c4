import type { Logger } from '@aws-lambda-powertools/logger';
import type { Metrics } from '@aws-lambda-powertools/metrics';
import type { MiddlewareObj } from '@middy/core';
import type { Context } from 'aws-lambda';
import { setCurrentCorrelationId } from './currentInvocation.ts';

/**
 * Per-invocation logging and metrics for every kit: Lambda context and correlation id on each log line,
 * temporary keys reset and stored metrics flushed (EMF) whether the handler succeeded or threw.
 */
export const observabilityMiddleware = <TEvent>(options: {
  readonly logger: Logger;
  readonly metrics: Metrics;
  readonly correlationId: (event: TEvent) => string;
}): MiddlewareObj<TEvent, unknown, Error, Context> => {
  const finish = (): void => {
    // Empty invocations are normal (most record nothing): flushing them would only log a Powertools warning.
    if (options.metrics.hasStoredMetrics()) options.metrics.publishStoredMetrics();
    options.logger.resetKeys();
    setCurrentCorrelationId(undefined);
  };
  return {
    before: (request) => {
      options.logger.resetKeys();
      if (request.context && typeof request.context.functionName === 'string') {
        options.logger.addContext(request.context);
      }
      const correlationId = options.correlationId(request.event);
      setCurrentCorrelationId(correlationId);
      options.logger.appendKeys({ correlationId });
    },
    after: finish,
    onError: finish,
  };
};
