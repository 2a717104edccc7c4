import type { Logger } from '@aws-lambda-powertools/logger';
import type { Metrics } from '@aws-lambda-powertools/metrics';
import middy, { type MiddlewareObj } from '@middy/core';
import type { Context } from 'aws-lambda';
import type { z } from 'zod';
import { isPlatformError } from '../errors/PlatformError.ts';
import type { Parsed } from '../http/HttpRequest.ts';
import { createLogger } from '../observability/logger.ts';
import { createMetrics } from '../observability/metrics.ts';
import { observabilityMiddleware } from '../observability/observabilityMiddleware.ts';
import { runtimeConfig } from '../runtimeConfig.ts';
import { parseWebSocketRequest, webSocketCorrelationId } from './parseWebSocketRequest.ts';
import type { WebSocketEvent, WebSocketRequest, WebSocketResult } from './WebSocketRequest.ts';
import {
  type WebSocketResponse,
  webSocketErrorResponse,
  webSocketResultResponse,
} from './webSocketResponse.ts';

/** How a WebSocket route function is declared: an optional schema of the message, and `handle`. */
export interface WebSocketHandlerOptions<B extends z.ZodType | undefined> {
  /**
   * Schema of the message's JSON (including its `action`); without it the body is not read. Give it only to
   * message routes: `$connect` and `$disconnect` carry no body, so a schema there refuses them.
   */
  readonly body?: B;
  /** @default env SOLEIL_MODULE */
  readonly module?: string;
  readonly logger?: Logger;
  readonly metrics?: Metrics;
  readonly handle: (
    req: WebSocketRequest<Parsed<B, undefined>>,
  ) => Promise<WebSocketResult | undefined> | Promise<void>;
}

/** The Lambda handler webSocketHandler returns (a middy instance, callable as `(event, context)`). */
export type WebSocketLambdaHandler = (event: WebSocketEvent, context: Context) => Promise<WebSocketResponse>;

/**
 * Turns a route function into an API Gateway WebSocket Lambda handler for `$connect`, `$disconnect`,
 * `$default` or a named route: reads the route, the identity (flat authorizer context) and the validated
 * message, logs and flushes metrics like the HTTP kit, and maps every error through `toProblem`. A refused
 * message (bad JSON, invalid) is answered with status 400 and an error frame, never a crash; on `$connect`
 * an error's status refuses the connection.
 *
 * @example
 * ```ts
 * const notifier = new ConnectionNotifier();
 * export const handler = webSocketHandler({
 *   body: z.object({ action: z.literal('join'), bandId: BandId }),
 *   handle: async (req) => {
 *     requireBandRole(req.identity, req.body.bandId, 'member');
 *     await notifier.send(req.connectionId, { type: 'joined', bandId: req.body.bandId });
 *   },
 * });
 * ```
 */
export const webSocketHandler = <B extends z.ZodType | undefined = undefined>(
  options: WebSocketHandlerOptions<B>,
): WebSocketLambdaHandler => {
  const module = options.module ?? runtimeConfig.moduleOr('unknown');
  const logger = options.logger ?? createLogger(module);
  const metrics = options.metrics ?? createMetrics(module);

  const mapErrors: MiddlewareObj<WebSocketEvent, WebSocketResponse, Error, Context> = {
    onError: (request) => {
      const error = request.error;
      if (isPlatformError(error) && error.status < 500) {
        logger.info('websocket request refused', {
          status: error.status,
          type: error.type,
          detail: error.detail,
        });
      } else {
        logger.error('websocket request failed', error as Error);
      }
      const routeKey = request.event?.requestContext?.routeKey;
      request.response = webSocketErrorResponse(error, {
        routeKey: typeof routeKey === 'string' ? routeKey : '',
        correlationId: webSocketCorrelationId(request.event),
      });
    },
  };

  const base = async (event: WebSocketEvent): Promise<WebSocketResponse> => {
    const parsed = parseWebSocketRequest(event, options.body);
    logger.appendKeys({ connectionId: parsed.connectionId, routeKey: parsed.routeKey });
    const result: WebSocketResult | undefined =
      (await options.handle({
        ...parsed,
        logger,
        metrics,
        event,
      } as Parameters<typeof options.handle>[0])) ?? undefined;
    return webSocketResultResponse(result);
  };

  return middy<WebSocketEvent, WebSocketResponse, Error, Context>(base)
    .use(observabilityMiddleware<WebSocketEvent>({ logger, metrics, correlationId: webSocketCorrelationId }))
    .use(mapErrors) as unknown as WebSocketLambdaHandler;
};
