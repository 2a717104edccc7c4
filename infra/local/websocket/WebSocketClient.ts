/** What API Gateway knows about a WebSocket client from its `$connect` request; events repeat it. */
export interface WebSocketClient {
  readonly connectionId: string;
  /** Epoch milliseconds the connection was accepted (`requestContext.connectedAt`). */
  readonly connectedAt: number;
  readonly sourceIp: string;
  readonly userAgent: string;
  /** Host name the client connected to (`requestContext.domainName`). */
  readonly domainName: string;
  readonly stage: string;
  /**
   * `requestContext.authorizer` of every event after `$connect` authorization: `principalId`,
   * `integrationLatency` and the authorizer's context values; `undefined` without an authorizer.
   */
  readonly authorizer: Readonly<Record<string, unknown>> | undefined;
}
