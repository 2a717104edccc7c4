/** What API Gateway's `GET /@connections/{id}` reports about a live connection. */
export interface ConnectionInfo {
  /** ISO-8601 time the connection was accepted. */
  readonly connectedAt: string;
  /** ISO-8601 time of the last message in either direction. */
  readonly lastActiveAt: string;
  readonly sourceIp: string;
  readonly userAgent: string;
}

/**
 * The live WebSocket connections, as the local `@connections` management API sees them. The WebSocket
 * server implements it; the local AWS endpoint delegates to it. `false`/`undefined` means the connection
 * is gone (the endpoint answers 410 GoneException, like API Gateway).
 */
export interface ConnectionRegistry {
  /** Sends one message (text when it is valid UTF-8, as API Gateway does) to the connection. */
  send(connectionId: string, data: Uint8Array): boolean;
  info(connectionId: string): ConnectionInfo | undefined;
  /** Closes the connection (the client sees a normal close; `$disconnect` runs). */
  disconnect(connectionId: string): boolean;
}
