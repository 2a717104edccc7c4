import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PlatformModel } from '../../../shared/platformModel/PlatformModel.ts';
import { isLoopbackHost } from '../net/loopbackHost.ts';
import { GATEWAY_MESSAGES, HTTP_API_LIMITS } from './apiGatewayConstants.ts';
import { authorizeHttpRequest } from './authorizeHttpRequest.ts';
import { buildHttpApiEvent, httpApiRequestParts } from './buildHttpApiEvent.ts';
import type { CorsAllowOrigins } from './corsPolicy.ts';
import { corsHeaders } from './corsPolicy.ts';
import type { GatewayResponse } from './GatewayResponse.ts';
import { gatewayError } from './GatewayResponse.ts';
import { HttpRouteTable } from './HttpRouteTable.ts';
import type { IncomingHttpRequest } from './IncomingHttpRequest.ts';
import type { Invoke } from './Invoke.ts';
import { INTEGRATION_TIMEOUT_ERROR, invokeAsIntegration, isThrottledError } from './Invoke.ts';
import { mapLambdaResult } from './mapLambdaResult.ts';
import { RouteThrottles } from './RouteThrottles.ts';
import { RequestBodyTooLargeError, readRequestBody } from './readRequestBody.ts';
import { newRequestId } from './requestIds.ts';
import { tooManyRequests } from './tooManyRequests.ts';

/** Options of the local HTTP API. */
export interface HttpApiServerOptions {
  /** The routes come from `model.routes`, local-only ones included. */
  readonly model: PlatformModel;
  /** Runs a function (the route's, or the authorizer). */
  readonly invoke: Invoke;
  /** Port to listen on; `0` picks a free one (see `start()`'s result). */
  readonly port: number;
  /** @default '127.0.0.1' */
  readonly host?: string;
  /** The Lambda authorizer for non-public routes; `null` makes every non-public route answer 401. */
  readonly authorizerFunctionId: string | null;
  /** @default '$default' (the HTTP API auto-deployed stage) */
  readonly stage?: string;
  /** @default 'localhost' — any local front end, answered with `*` */
  readonly corsAllowOrigins?: CorsAllowOrigins;
  /** @default 10 MB, the HTTP API quota */
  readonly maxBodyBytes?: number;
  /** How long the API waits for a function before answering 503. @default 30 s, the HTTP API quota */
  readonly integrationTimeoutMs?: number;
  /** Milliseconds since the epoch, for throttling; tests pass a clock they move. @default Date.now */
  readonly clock?: () => number;
}

/**
 * The embedded platform's HTTP API: what API Gateway HTTP API does in front of the route functions —
 * routing, the model's throttling (a token bucket per route, answered 429 with `Retry-After`), Lambda
 * authorizer (simple responses), payload format 2.0 events, response mapping, CORS and API Gateway's own
 * error answers.
 *
 * @example
 * const api = new HttpApiServer({ model, invoke, port: 3000, authorizerFunctionId: model.authorizer?.functionId ?? null });
 * const { port } = await api.start();
 */
export class HttpApiServer {
  private readonly routes: HttpRouteTable;
  private readonly throttles: RouteThrottles;
  private server: Server | undefined;
  private listeningPort = 0;

  constructor(private readonly options: HttpApiServerOptions) {
    this.routes = new HttpRouteTable(options.model.routes);
    this.throttles = new RouteThrottles(options.model.throttling, options.clock ?? Date.now);
  }

  /** Starts listening; resolves with the port actually bound. */
  start(): Promise<{ port: number }> {
    const server = createServer((request, response) => {
      this.handle(request, response).catch((error: unknown) => {
        console.error('[http] unexpected error', error);
        if (!response.headersSent)
          this.write(response, gatewayError(500, GATEWAY_MESSAGES.internalError), '');
        else response.destroy();
      });
    });
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.options.port, this.options.host ?? '127.0.0.1', () => {
        server.off('error', reject);
        this.listeningPort = (server.address() as AddressInfo).port;
        resolve({ port: this.listeningPort });
      });
    });
  }

  /** Stops listening and closes open connections. */
  stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server === undefined) return Promise.resolve();
    return new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const requestId = newRequestId();
    const receivedAt = new Date();
    const origin = request.headers.origin;
    const method = request.method ?? 'GET';
    const url = request.url ?? '/';
    const queryAt = url.indexOf('?');
    const rawPath = queryAt === -1 ? url : url.slice(0, queryAt);
    const rawQueryString = queryAt === -1 ? '' : url.slice(queryAt + 1);

    if (!isLoopbackHost(request.headers.host, this.listeningPort)) {
      // Answered as API Gateway answers a request for a domain it does not serve; no function runs.
      request.resume();
      this.write(response, gatewayError(403, GATEWAY_MESSAGES.forbidden), requestId);
      return;
    }

    if (method === 'OPTIONS') {
      // The API answers preflights itself (HTTP API with a CORS configuration): no function runs.
      request.resume();
      this.write(
        response,
        { status: 204, headers: corsHeaders(this.cors(), origin, true), body: Buffer.alloc(0) },
        requestId,
      );
      return;
    }

    let body: Buffer;
    try {
      body = await readRequestBody(request, this.options.maxBodyBytes ?? HTTP_API_LIMITS.maxBodyBytes);
    } catch (error) {
      if (!(error instanceof RequestBodyTooLargeError)) throw error;
      response.setHeader('connection', 'close');
      this.write(response, this.withCors(gatewayError(413, GATEWAY_MESSAGES.tooLarge), origin), requestId);
      return;
    }

    const outcome = await this.route({
      method,
      rawPath,
      rawQueryString,
      headers: request.headersDistinct as Record<string, string[]>,
      sourceIp: normaliseIp(request.socket.remoteAddress),
      protocol: `HTTP/${request.httpVersion}`,
      body,
      requestId,
      receivedAt,
    });
    this.write(response, this.withCors(outcome, origin), requestId);
  }

  private async route(request: IncomingHttpRequest): Promise<GatewayResponse> {
    const matched = this.routes.match(request.method, request.rawPath);
    if (matched === undefined) return gatewayError(404, GATEWAY_MESSAGES.notFound);
    // Before the authorizer, as on API Gateway: a throttled request costs no function at all.
    const waitMs = this.throttles.take(matched.routeKey);
    if (waitMs > 0) return tooManyRequests(waitMs, request.rawPath);
    const parts = httpApiRequestParts(request, matched.routeKey, {
      stage: this.options.stage ?? '$default',
      localPort: this.listeningPort,
    });

    let authorizerContext: Record<string, unknown> | undefined;
    if (matched.route.auth !== 'public') {
      const authorization = await authorizeHttpRequest({
        invoke: this.options.invoke,
        authorizerFunctionId: this.options.authorizerFunctionId,
        request,
        matched,
        parts,
        integrationTimeoutMs: this.options.integrationTimeoutMs ?? HTTP_API_LIMITS.integrationTimeoutMs,
      });
      if (!authorization.allowed) return authorization.response;
      authorizerContext = authorization.context;
    }

    const event = buildHttpApiEvent(request, matched, parts, authorizerContext);
    const outcome = await invokeAsIntegration(
      this.options.invoke,
      matched.route.functionId,
      event,
      this.options.integrationTimeoutMs ?? HTTP_API_LIMITS.integrationTimeoutMs,
    );
    if (!outcome.ok) {
      // A function error (its own timeout included) is a 500; the gateway giving up waiting is a 503.
      return isThrottledError(outcome.errorType) || outcome.errorType === INTEGRATION_TIMEOUT_ERROR
        ? gatewayError(503, GATEWAY_MESSAGES.serviceUnavailable)
        : gatewayError(500, GATEWAY_MESSAGES.internalError);
    }
    return mapLambdaResult(outcome.result);
  }

  private cors(): CorsAllowOrigins {
    return this.options.corsAllowOrigins ?? 'localhost';
  }

  private withCors(response: GatewayResponse, origin: string | undefined): GatewayResponse {
    const cors = corsHeaders(this.cors(), origin, false);
    if (cors.length === 0) return response;
    // The API's CORS configuration wins over headers a function set, as on API Gateway.
    const names = new Set(cors.map(([name]) => name));
    return { ...response, headers: [...response.headers.filter(([name]) => !names.has(name)), ...cors] };
  }

  private write(response: ServerResponse, outcome: GatewayResponse, requestId: string): void {
    const headers = new Map<string, string | string[]>();
    for (const [name, value] of outcome.headers) {
      const previous = headers.get(name);
      if (name === 'set-cookie') headers.set(name, [...((previous as string[] | undefined) ?? []), value]);
      else headers.set(name, value);
    }
    if (requestId !== '') headers.set('apigw-requestid', requestId);
    headers.set('content-length', String(outcome.body.length));
    response.writeHead(outcome.status, Object.fromEntries(headers));
    response.end(outcome.body);
  }
}

/** `::ffff:127.0.0.1` → `127.0.0.1`, as API Gateway reports IPv4 clients. */
const normaliseIp = (address: string | undefined): string => (address ?? '').replace(/^::ffff:/, '');
