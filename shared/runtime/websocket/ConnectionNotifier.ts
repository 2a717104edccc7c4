import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import {
  ApiGatewayManagementApiClient,
  DeleteConnectionCommand,
  GetConnectionCommand,
  PostToConnectionCommand,
} from '@aws-sdk/client-apigatewaymanagementapi';
import { runtimeConfig } from '../runtimeConfig.ts';
import { ConnectionApiError, type ConnectionOperation } from './connectionErrors.ts';
import { encodeMessage } from './encodeMessage.ts';
import { runBounded } from './runBounded.ts';
import { SignedConnectionPoster } from './SignedConnectionPoster.ts';
import {
  DEFAULT_BROADCAST_CONCURRENCY,
  MAX_BROADCAST_CONCURRENCY,
  WEBSOCKET_MAX_MESSAGE_BYTES,
} from './webSocketLimits.ts';

/** What a push to one connection achieved: delivered to API Gateway, or the client is gone (prune it). */
export type SendOutcome = 'sent' | 'gone';

/** The split of a broadcast, each list in the order the ids were given (duplicates sent once). */
export interface BroadcastResult {
  readonly sent: string[];
  /** Connections API Gateway no longer knows (410): the caller deletes them from its room. */
  readonly gone: string[];
  /**
   * Connections the push failed for another reason (throttled, forbidden...). They missed this message
   * and catch up when they resume from their last sequence number; the error says whether a retry may work.
   */
  readonly failed: { readonly connectionId: string; readonly error: ConnectionApiError }[];
}

/** What API Gateway knows about a live connection. */
export interface ConnectionInfo {
  readonly connectedAt: Date | undefined;
  readonly lastActiveAt: Date | undefined;
  readonly sourceIp: string | undefined;
  readonly userAgent: string | undefined;
}

/** How a {@link ConnectionNotifier} reaches API Gateway. */
export interface ConnectionNotifierOptions {
  /** A ready client (tests; or one shared by several notifiers). */
  readonly client?: ApiGatewayManagementApiClient;
  /**
   * The management endpoint, `https://{domainName}/{stage}`.
   * @default `runtimeConfig.managementApiEndpoint()`, which both renderers set
   */
  readonly endpoint?: string;
  /** @default 10; at most {@link MAX_BROADCAST_CONCURRENCY} */
  readonly concurrency?: number;
  /** @default 131072 (128 KB, API Gateway's limit) */
  readonly maxMessageBytes?: number;
}

/**
 * The ONE way to push to WebSocket clients: PostToConnection, GetConnection and DeleteConnection of API
 * Gateway's management API. Messages are JSON-encoded and refused above 128 KB before any call; a gone
 * client (410) is an answer (`'gone'`), any other failure a {@link ConnectionApiError}. The SDK client is
 * created on first use, so the environment may be set after import.
 *
 * @example
 * ```ts
 * const notifier = new ConnectionNotifier();
 * const { gone } = await notifier.broadcast(room.connectionIds, { type: 'content.updated', seq });
 * await rooms.remove(bandId, gone);
 * ```
 */
export class ConnectionNotifier {
  private created: ApiGatewayManagementApiClient | undefined;
  private poster: SignedConnectionPoster | undefined;

  constructor(private readonly options: ConnectionNotifierOptions = {}) {}

  /** Sends one message to one connection. */
  async send(connectionId: string, message: unknown): Promise<SendOutcome> {
    const data = encodeMessage(message, this.maxMessageBytes());
    return this.post(this.client(), connectionId, data);
  }

  /**
   * Sends one message to many connections, at most `concurrency` calls at a time, and reports which were
   * sent, gone or failed. Only a message that cannot be sent to anyone (too large, no endpoint) throws.
   */
  async broadcast(
    connectionIds: Iterable<string>,
    message: unknown,
    options: { readonly concurrency?: number } = {},
  ): Promise<BroadcastResult> {
    const data = encodeMessage(message, this.maxMessageBytes());
    const client = this.client();
    const ids = [...new Set(connectionIds)];
    const concurrency = Math.min(
      options.concurrency ?? this.options.concurrency ?? DEFAULT_BROADCAST_CONCURRENCY,
      MAX_BROADCAST_CONCURRENCY,
    );
    const outcomes = await runBounded(ids, concurrency, async (id) => {
      try {
        return await this.post(client, id, data);
      } catch (error) {
        if (error instanceof ConnectionApiError) return error;
        throw error;
      }
    });
    const result: BroadcastResult = { sent: [], gone: [], failed: [] };
    outcomes.forEach((outcome, index) => {
      const connectionId = ids[index] as string;
      if (outcome === 'sent') result.sent.push(connectionId);
      else if (outcome === 'gone') result.gone.push(connectionId);
      else result.failed.push({ connectionId, error: outcome });
    });
    return result;
  }

  /** What API Gateway knows about a connection, or undefined when it is gone. */
  async info(connectionId: string): Promise<ConnectionInfo | undefined> {
    try {
      const answer = await this.client().send(new GetConnectionCommand({ ConnectionId: connectionId }));
      return {
        connectedAt: answer.ConnectedAt,
        lastActiveAt: answer.LastActiveAt,
        sourceIp: answer.Identity?.SourceIp,
        userAgent: answer.Identity?.UserAgent,
      };
    } catch (error) {
      if (isGone(error)) return undefined;
      throw connectionApiError(error, connectionId, 'GetConnection');
    }
  }

  /** Closes a connection (its `$disconnect` route runs); `'gone'` when it was closed already. */
  async disconnect(connectionId: string): Promise<'closed' | 'gone'> {
    try {
      await this.client().send(new DeleteConnectionCommand({ ConnectionId: connectionId }));
      return 'closed';
    } catch (error) {
      if (isGone(error)) return 'gone';
      throw connectionApiError(error, connectionId, 'DeleteConnection');
    }
  }

  private async post(
    client: ApiGatewayManagementApiClient,
    connectionId: string,
    data: Uint8Array,
  ): Promise<SendOutcome> {
    // A client given by the caller is used as it is (tests mock it; a caller may have configured it); the
    // notifier's own pushes go out as signed requests of their own (see SignedConnectionPoster).
    if (this.options.client) return this.postWithClient(client, connectionId, data);
    let answer: Awaited<ReturnType<SignedConnectionPoster['post']>>;
    try {
      answer = await this.signedPoster(client).post(connectionId, data);
    } catch (error) {
      throw connectionApiError(error, connectionId, 'PostToConnection');
    }
    if (answer.status < 300) return 'sent';
    if (answer.status === 410) return 'gone';
    throw new ConnectionApiError({
      connectionId,
      operation: 'PostToConnection',
      awsErrorName: answer.errorName ?? 'UnknownError',
      httpStatus: answer.status,
      cause: undefined,
    });
  }

  private async postWithClient(
    client: ApiGatewayManagementApiClient,
    connectionId: string,
    data: Uint8Array,
  ): Promise<SendOutcome> {
    try {
      await client.send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: data }));
      return 'sent';
    } catch (error) {
      if (isGone(error)) return 'gone';
      throw connectionApiError(error, connectionId, 'PostToConnection');
    }
  }

  private signedPoster(client: ApiGatewayManagementApiClient): SignedConnectionPoster {
    this.poster ??= new SignedConnectionPoster({
      endpoint: this.endpoint(),
      credentials: () => client.config.credentials(),
      region: () => client.config.region(),
      maxSockets: MAX_BROADCAST_CONCURRENCY,
    });
    return this.poster;
  }

  private endpoint(): string {
    return this.options.endpoint ?? runtimeConfig.managementApiEndpoint();
  }

  private maxMessageBytes(): number {
    return this.options.maxMessageBytes ?? WEBSOCKET_MAX_MESSAGE_BYTES;
  }

  private client(): ApiGatewayManagementApiClient {
    if (this.options.client) return this.options.client;
    if (!this.created) {
      // A broadcast is thousands of identical small calls: sockets kept open for as many calls as a broadcast
      // keeps in flight (the SDK's default agent holds 50), and the middleware stack resolved once per
      // command type instead of per call (nothing here changes it between calls).
      const sockets = { keepAlive: true, maxSockets: MAX_BROADCAST_CONCURRENCY };
      this.created = new ApiGatewayManagementApiClient({
        endpoint: this.endpoint(),
        cacheMiddleware: true,
        requestHandler: { httpAgent: new HttpAgent(sockets), httpsAgent: new HttpsAgent(sockets) },
      });
    }
    return this.created;
  }
}

const httpStatusOf = (error: unknown): number | undefined =>
  (error as { $metadata?: { httpStatusCode?: number } } | null)?.$metadata?.httpStatusCode;

const isGone = (error: unknown): boolean =>
  (error as { name?: unknown } | null)?.name === 'GoneException' || httpStatusOf(error) === 410;

const connectionApiError = (
  error: unknown,
  connectionId: string,
  operation: ConnectionOperation,
): ConnectionApiError =>
  new ConnectionApiError({
    connectionId,
    operation,
    awsErrorName: error instanceof Error ? error.name : 'UnknownError',
    httpStatus: httpStatusOf(error),
    cause: error,
  });
