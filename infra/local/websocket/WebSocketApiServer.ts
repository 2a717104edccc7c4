import { isUtf8 } from 'node:buffer';
import type { IncomingMessage, Server } from 'node:http';
import { createServer, STATUS_CODES } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import type { PlatformModel } from '../../../shared/platformModel/PlatformModel.ts';
import { WEBSOCKET_API_LIMITS } from '../http/apiGatewayConstants.ts';
import type { Invoke } from '../http/Invoke.ts';
import { INTEGRATION_TIMEOUT_ERROR, invokeAsIntegration } from '../http/Invoke.ts';
import { newConnectionId, newRequestId } from '../http/requestIds.ts';
import { isLoopbackHost } from '../net/loopbackHost.ts';
import { authorizeWebSocketConnect } from './authorizeWebSocketConnect.ts';
import type { WebSocketHandshake } from './buildWebSocketEvents.ts';
import { buildConnectEvent, buildDisconnectEvent, buildMessageEvent } from './buildWebSocketEvents.ts';
import type { ConnectionInfo, ConnectionRegistry } from './ConnectionRegistry.ts';
import { selectWebSocketRoute } from './selectWebSocketRoute.ts';
import type { WebSocketClient } from './WebSocketClient.ts';

/** Options of the local WebSocket API. */
export interface WebSocketApiServerOptions {
  /** The routes come from `model.webSocketRoutes`. */
  readonly model: PlatformModel;
  readonly invoke: Invoke;
  /** Port to listen on; `0` picks a free one (see `start()`'s result). */
  readonly port: number;
  /** @default '127.0.0.1' */
  readonly host?: string;
  /**
   * The REQUEST authorizer run on `$connect`. `null` refuses every `$connect` with 401 — the CDK stack refuses
   * to synth a WebSocket API without an authorizer, and the local HTTP edge answers 401 without one — unless
   * {@link allowUnauthenticated} is set.
   */
  readonly authorizerFunctionId: string | null;
  /**
   * Accept every `$connect` when there is no authorizer: only for tests whose platform has no auth module,
   * which must ask for it explicitly. Ignored when an authorizer exists. @default false
   */
  readonly allowUnauthenticated?: boolean;
  /** @default 'local' */
  readonly stage?: string;
  /** A connection with no message from its client for this long is closed. @default 10 minutes */
  readonly idleTimeoutMs?: number;
  /** Every connection is closed after this long. @default 2 hours */
  readonly maxLifetimeMs?: number;
  /** A larger message closes the connection with 1009. @default 128 KB */
  readonly maxMessageBytes?: number;
  /** How long the API waits for a function's answer. @default 29 s, the WebSocket API quota */
  readonly integrationTimeoutMs?: number;
}

/** Close code and reason API Gateway uses when it ends a connection itself (idle, lifetime, shutdown). */
const GOING_AWAY = { code: 1001, reason: 'Going away' } as const;
/** How long `stop()` waits for clients to answer a close before cutting them off. */
const STOP_GRACE_MS = 500;

interface LiveConnection {
  readonly ws: WebSocket;
  readonly client: WebSocketClient;
  lastActiveAt: number;
  idleTimer: NodeJS.Timeout | undefined;
  readonly lifetimeTimer: NodeJS.Timeout;
  readonly closed: Promise<void>;
}

/**
 * The embedded platform's WebSocket API: what API Gateway WebSocket APIs do in front of the route
 * functions — `$connect` with its REQUEST authorizer, `$disconnect`, routing by `$request.body.action`
 * with `$default`, route responses, and AWS's limits (128 KB messages → 1009, idle and lifetime closes).
 * It is also the `ConnectionRegistry` behind the local `@connections` management API.
 *
 * @example
 * const ws = new WebSocketApiServer({ model, invoke, port: 3001, authorizerFunctionId: model.authorizer?.functionId ?? null });
 * const { port } = await ws.start();
 */
export class WebSocketApiServer implements ConnectionRegistry {
  private readonly routes: ReadonlyMap<string, string>;
  private readonly connections = new Map<string, LiveConnection>();
  private readonly pending = new Set<Promise<unknown>>();
  private readonly wss: WebSocketServer;
  private server: Server | undefined;

  constructor(private readonly options: WebSocketApiServerOptions) {
    this.routes = new Map(options.model.webSocketRoutes.map((r) => [r.routeKey, r.functionId]));
    this.wss = new WebSocketServer({
      noServer: true,
      maxPayload: options.maxMessageBytes ?? WEBSOCKET_API_LIMITS.maxMessageBytes,
    });
  }

  /** Starts listening; resolves with the port actually bound. */
  start(): Promise<{ port: number }> {
    const server = createServer((_request, response) => {
      response.writeHead(426, { 'content-type': 'application/json', upgrade: 'websocket' });
      response.end(JSON.stringify({ message: 'Upgrade Required' }));
    });
    server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
      socket.on('error', () => socket.destroy());
      this.track(
        this.upgrade(request, socket, head).catch((error: unknown) => {
          console.error('[websocket] $connect failed', error);
          refuse(socket, 500);
        }),
      );
    });
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.options.port, this.options.host ?? '127.0.0.1', () => {
        server.off('error', reject);
        resolve({ port: (server.address() as AddressInfo).port });
      });
    });
  }

  /** Closes every connection (running `$disconnect`), waits for the functions it started, stops listening. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    const connections = [...this.connections.values()];
    for (const connection of connections) this.close(connection, GOING_AWAY);
    const cutOff = setTimeout(() => {
      for (const connection of connections) connection.ws.terminate();
    }, STOP_GRACE_MS);
    await Promise.all(connections.map((c) => c.closed));
    clearTimeout(cutOff);
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
    this.wss.close();
    if (server !== undefined) {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    }
  }

  /** @inheritdoc */
  send(connectionId: string, data: Uint8Array): boolean {
    const connection = this.connections.get(connectionId);
    if (connection === undefined || connection.ws.readyState !== WebSocket.OPEN) return false;
    const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    connection.ws.send(bytes, { binary: !isUtf8(bytes) });
    connection.lastActiveAt = Date.now();
    return true;
  }

  /** @inheritdoc */
  info(connectionId: string): ConnectionInfo | undefined {
    const connection = this.connections.get(connectionId);
    if (connection === undefined) return undefined;
    return {
      connectedAt: new Date(connection.client.connectedAt).toISOString(),
      lastActiveAt: new Date(connection.lastActiveAt).toISOString(),
      sourceIp: connection.client.sourceIp,
      userAgent: connection.client.userAgent,
    };
  }

  /** @inheritdoc */
  disconnect(connectionId: string): boolean {
    const connection = this.connections.get(connectionId);
    if (connection === undefined) return false;
    this.close(connection, { code: 1000, reason: '' });
    return true;
  }

  /** Ids of the open connections. */
  connectionIds(): string[] {
    return [...this.connections.keys()];
  }

  private async upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    if (!isLoopbackHost(request.headers.host, (socket as Socket).localPort ?? 0)) {
      refuse(socket, 403);
      return;
    }
    const now = new Date();
    const url = request.url ?? '/';
    const queryAt = url.indexOf('?');
    const handshake: WebSocketHandshake = {
      rawHeaders: request.rawHeaders,
      rawQueryString: queryAt === -1 ? '' : url.slice(queryAt + 1),
    };
    let client: WebSocketClient = {
      connectionId: newConnectionId(),
      connectedAt: now.getTime(),
      sourceIp: ((socket as Socket).remoteAddress ?? '').replace(/^::ffff:/, ''),
      userAgent: request.headers['user-agent'] ?? '',
      domainName: (request.headers.host ?? 'localhost').replace(/:\d+$/, ''),
      stage: this.options.stage ?? 'local',
      authorizer: undefined,
    };

    if (this.options.authorizerFunctionId === null) {
      // Fail closed: a missing auth module must not turn into an open WebSocket edge.
      if (this.options.allowUnauthenticated !== true) {
        refuse(socket, 401);
        return;
      }
    } else {
      const verdict = await authorizeWebSocketConnect({
        invoke: this.options.invoke,
        authorizerFunctionId: this.options.authorizerFunctionId,
        client,
        handshake,
        integrationTimeoutMs: this.integrationTimeoutMs(),
      });
      if (!verdict.allowed) {
        refuse(socket, verdict.status);
        return;
      }
      client = { ...client, authorizer: verdict.authorizer };
    }

    const connectFunction = this.routes.get('$connect');
    if (connectFunction !== undefined) {
      const outcome = await invokeAsIntegration(
        this.options.invoke,
        connectFunction,
        buildConnectEvent(client, handshake, now),
        this.integrationTimeoutMs(),
      );
      const status = outcome.ok ? statusCodeOf(outcome.result) : 500;
      if (status < 200 || status > 299) {
        refuse(socket, status);
        return;
      }
    }
    if (socket.destroyed || this.server === undefined) return;
    this.wss.handleUpgrade(request, socket, head, (ws) => this.accept(ws, client));
  }

  private accept(ws: WebSocket, client: WebSocketClient): void {
    let markClosed: () => void = () => {};
    const closed = new Promise<void>((resolve) => {
      markClosed = resolve;
    });
    const connection: LiveConnection = {
      ws,
      client,
      lastActiveAt: Date.now(),
      idleTimer: undefined,
      lifetimeTimer: setTimeout(
        () => this.close(connection, GOING_AWAY),
        this.options.maxLifetimeMs ?? WEBSOCKET_API_LIMITS.maxLifetimeMs,
      ),
      closed,
    };
    this.connections.set(client.connectionId, connection);
    this.resetIdleTimer(connection);
    // Oversized messages surface here (ws closes with 1009 itself); the close handler does the rest.
    ws.on('error', () => {});
    ws.on('message', (data, isBinary) => {
      this.track(this.onMessage(connection, toBuffer(data), isBinary));
    });
    ws.on('close', (code, reason) => {
      this.onClose(connection, code, reason.toString('utf8'));
      markClosed();
    });
  }

  private async onMessage(connection: LiveConnection, data: Buffer, isBinary: boolean): Promise<void> {
    connection.lastActiveAt = Date.now();
    this.resetIdleTimer(connection);
    const message = { data, isBinary };
    const routeKey = selectWebSocketRoute(new Set(this.routes.keys()), message);
    const functionId = routeKey === undefined ? undefined : this.routes.get(routeKey);
    if (routeKey === undefined || functionId === undefined) {
      this.reply(connection, {
        message: 'Forbidden',
        connectionId: connection.client.connectionId,
        requestId: newRequestId(),
      });
      return;
    }
    const event = buildMessageEvent(connection.client, routeKey, message, new Date());
    const outcome = await invokeAsIntegration(
      this.options.invoke,
      functionId,
      event,
      this.integrationTimeoutMs(),
    );
    if (!outcome.ok) {
      this.reply(connection, {
        message:
          outcome.errorType === INTEGRATION_TIMEOUT_ERROR
            ? 'Endpoint request timed out'
            : 'Internal server error',
        connectionId: connection.client.connectionId,
        requestId: event.requestContext.requestId,
      });
      return;
    }
    // A returned body is the route response: API Gateway sends it back on the same connection.
    const body = (outcome.result as { body?: unknown } | null | undefined)?.body;
    if (typeof body === 'string' && connection.ws.readyState === WebSocket.OPEN) {
      connection.ws.send(body);
      connection.lastActiveAt = Date.now();
    }
  }

  private onClose(connection: LiveConnection, code: number, reason: string): void {
    clearTimeout(connection.idleTimer);
    clearTimeout(connection.lifetimeTimer);
    if (this.connections.get(connection.client.connectionId) === connection) {
      this.connections.delete(connection.client.connectionId);
    }
    const disconnectFunction = this.routes.get('$disconnect');
    if (disconnectFunction === undefined) return;
    const event = buildDisconnectEvent(connection.client, { code, reason }, new Date());
    // Nobody waits for $disconnect's answer (the client is gone), so the function's own timeout applies.
    this.track(this.options.invoke(disconnectFunction, event));
  }

  /** Ends a connection: gone for `send`/`info` at once, `$disconnect` runs when the close completes. */
  private close(connection: LiveConnection, how: { code: number; reason: string }): void {
    this.connections.delete(connection.client.connectionId);
    clearTimeout(connection.idleTimer);
    clearTimeout(connection.lifetimeTimer);
    connection.ws.close(how.code, how.reason);
  }

  private integrationTimeoutMs(): number {
    return this.options.integrationTimeoutMs ?? WEBSOCKET_API_LIMITS.integrationTimeoutMs;
  }

  private resetIdleTimer(connection: LiveConnection): void {
    clearTimeout(connection.idleTimer);
    connection.idleTimer = setTimeout(
      () => this.close(connection, GOING_AWAY),
      this.options.idleTimeoutMs ?? WEBSOCKET_API_LIMITS.idleTimeoutMs,
    );
  }

  private reply(connection: LiveConnection, body: Record<string, unknown>): void {
    if (connection.ws.readyState === WebSocket.OPEN) connection.ws.send(JSON.stringify(body));
  }

  private track(promise: Promise<unknown>): void {
    const tracked = promise.catch(() => undefined).finally(() => this.pending.delete(tracked));
    this.pending.add(tracked);
  }
}

/** Refuses an upgrade with an HTTP status, as API Gateway refuses a `$connect`. */
const refuse = (socket: Duplex, status: number): void => {
  if (socket.destroyed) return;
  const message = status === 401 ? 'Unauthorized' : status === 403 ? 'Forbidden' : 'Internal Server Error';
  const body = JSON.stringify({ message });
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\ncontent-type: application/json\r\n` +
      `content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
};

/** A `$connect` function's answer: a `statusCode` when it gave one, else success. */
const statusCodeOf = (result: unknown): number => {
  const statusCode = (result as { statusCode?: unknown } | null | undefined)?.statusCode;
  return typeof statusCode === 'number' ? statusCode : 200;
};

const toBuffer = (data: WebSocket.RawData): Buffer =>
  Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data);
