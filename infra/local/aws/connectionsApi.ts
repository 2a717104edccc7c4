import type { ServerResponse } from 'node:http';
import type { ConnectionRegistry } from '../websocket/ConnectionRegistry.ts';
import { sendAwsError, sendJson } from './httpExchange.ts';

/** API Gateway's limit on a WebSocket message (the endpoint refuses a larger body unread). */
export const MAX_MESSAGE_BYTES = 128 * 1024;

/** API Gateway's answer to a message over {@link MAX_MESSAGE_BYTES}. */
export const sendMessageTooLong = (res: ServerResponse): void =>
  sendAwsError(res, 413, 'PayloadTooLargeException', 'Message too long');

/**
 * Matches `/@connections/{id}`, optionally behind a stage (`/local/@connections/{id}`): handlers build the
 * management client with `https://{domainName}/{stage}` as API Gateway documents.
 */
export const CONNECTIONS_PATH = /^(?:\/[^@]*)?\/@connections\/([^/]+)$/;

/** API Gateway's management API: send to, inspect and close a WebSocket connection. */
export class ConnectionsApi {
  constructor(private readonly registry: () => ConnectionRegistry | undefined) {}

  handle(method: string, rawId: string, body: Buffer, res: ServerResponse): void {
    let id: string;
    try {
      id = decodeURIComponent(rawId);
    } catch {
      sendAwsError(res, 400, 'BadRequestException', `Invalid connectionId: ${rawId}`);
      return;
    }
    const registry = this.registry();
    if (method === 'POST') {
      if (!registry?.send(id, new Uint8Array(body))) {
        this.gone(res);
        return;
      }
      res.writeHead(200, { 'content-length': 0 }).end();
      return;
    }
    if (method === 'GET') {
      const info = registry?.info(id);
      if (!info) {
        this.gone(res);
        return;
      }
      sendJson(res, 200, {
        // API Gateway's wire names are camelCase (the SDK maps them to ConnectedAt, Identity.SourceIp...).
        connectedAt: info.connectedAt,
        lastActiveAt: info.lastActiveAt,
        identity: { sourceIp: info.sourceIp, userAgent: info.userAgent },
      });
      return;
    }
    if (method === 'DELETE') {
      if (!registry?.disconnect(id)) {
        this.gone(res);
        return;
      }
      res.writeHead(204).end();
      return;
    }
    sendAwsError(res, 405, 'MethodNotAllowedException', `${method} is not allowed on @connections`);
  }

  private gone(res: ServerResponse): void {
    sendAwsError(res, 410, 'GoneException', 'Gone');
  }
}
