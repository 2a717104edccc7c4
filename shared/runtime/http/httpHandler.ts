import type { Logger } from '@aws-lambda-powertools/logger';
import type { Metrics } from '@aws-lambda-powertools/metrics';
import middy, { type MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { z } from 'zod';
import { isPlatformError } from '../errors/PlatformError.ts';
import { createLogger } from '../observability/logger.ts';
import { createMetrics } from '../observability/metrics.ts';
import { observabilityMiddleware } from '../observability/observabilityMiddleware.ts';
import { runtimeConfig } from '../runtimeConfig.ts';
import type { HttpEvent, HttpRequest, HttpResult, Parsed, RawParameters } from './HttpRequest.ts';
import { problemResponse, resultResponse } from './httpResponse.ts';
import { httpCorrelationId, parseHttpRequest } from './parseHttpRequest.ts';
import { DEFAULT_MAX_BODY_BYTES } from './readJsonBody.ts';

/**
 * How long before the function's timeout a request still running is answered — a 503 problem+json: what it
 * waits on (a dependency that accepted the connection and hangs) is unavailable. Middy's 5 ms would race
 * Lambda's own timeout on a busy machine, which the gateway reports as a 500.
 */
const HTTP_TIMEOUT_MARGIN_MS = 1_000;

/** How a route handler is declared: optional schemas for each part of the request, and `handle`. */
export interface HttpHandlerOptions<
  B extends z.ZodType | undefined,
  Q extends z.ZodType | undefined,
  P extends z.ZodType | undefined,
> {
  /** Schema of the JSON body; without it the body is not read. */
  readonly body?: B;
  /** Schema of the query string parameters (strings: use `z.coerce` for numbers). */
  readonly query?: Q;
  /** Schema of the path parameters. */
  readonly path?: P;
  /** @default 262144 (256 KB) */
  readonly maxBodyBytes?: number;
  /** @default env SOLEIL_MODULE */
  readonly module?: string;
  readonly logger?: Logger;
  readonly metrics?: Metrics;
  readonly handle: (
    req: HttpRequest<Parsed<B, undefined>, Parsed<Q, RawParameters>, Parsed<P, RawParameters>>,
  ) => Promise<HttpResult>;
}

/** The Lambda handler httpHandler returns (a middy instance, callable as `(event, context)`). */
export type HttpLambdaHandler = (
  event: HttpEvent,
  context: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;

/**
 * Turns a route function into an API Gateway HTTP API (payload 2.0) Lambda handler: parses and validates the
 * request, reads the identity, maps thrown errors to problem+json, echoes the correlation id, logs and
 * flushes metrics. Bad input is always a 4xx, an unexpected error a 500 that reveals nothing.
 *
 * @example
 * ```ts
 * export const handler = httpHandler({
 *   path: z.object({ bandId: BandId }),
 *   handle: async (req) => ({ body: await listSongs(requireBandRole(req.identity, req.path.bandId, 'member')) }),
 * });
 * ```
 */
export const httpHandler = <
  B extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
  P extends z.ZodType | undefined = undefined,
>(
  options: HttpHandlerOptions<B, Q, P>,
): HttpLambdaHandler => {
  const module = options.module ?? runtimeConfig.moduleOr('unknown');
  const logger = options.logger ?? createLogger(module);
  const metrics = options.metrics ?? createMetrics(module);
  const schemas = {
    body: options.body,
    query: options.query,
    path: options.path,
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
  };

  const mapErrors: MiddlewareObj<HttpEvent, APIGatewayProxyStructuredResultV2, Error, Context> = {
    onError: (request) => {
      const error = request.error;
      const correlationId = httpCorrelationId(request.event);
      if (isPlatformError(error) && error.status < 500) {
        logger.info('request refused', { status: error.status, type: error.type, detail: error.detail });
      } else {
        logger.error('request failed', error as Error);
      }
      request.response = problemResponse(error, { correlationId, instance: request.event?.rawPath });
    },
  };

  const base = async (event: HttpEvent): Promise<APIGatewayProxyStructuredResultV2> => {
    const parsed = parseHttpRequest(event, schemas);
    const result = await options.handle({ ...parsed, logger, metrics, event } as Parameters<
      typeof options.handle
    >[0]);
    return resultResponse(result, parsed.correlationId);
  };

  return middy<HttpEvent, APIGatewayProxyStructuredResultV2, Error, Context>(base, {
    timeoutEarlyInMillis: HTTP_TIMEOUT_MARGIN_MS,
  })
    .use(observabilityMiddleware<HttpEvent>({ logger, metrics, correlationId: httpCorrelationId }))
    .use(mapErrors) as unknown as HttpLambdaHandler;
};
