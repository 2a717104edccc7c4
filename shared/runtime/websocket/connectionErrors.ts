import { PlatformError } from '../errors/PlatformError.ts';

/**
 * A message is larger than API Gateway's WebSocket limit once JSON-encoded. It is refused before any call,
 * because API Gateway would refuse it anyway; it is the sender's bug, so it maps to a 500 that reveals nothing.
 */
export class WebSocketMessageTooLargeError extends PlatformError {
  readonly bytes: number;
  readonly limit: number;

  constructor(bytes: number, limit: number) {
    super({
      status: 500,
      type: 'websocket-message-too-large',
      title: 'WebSocket message too large',
      detail: `The message is ${bytes} bytes once JSON-encoded; API Gateway's limit is ${limit}`,
    });
    this.bytes = bytes;
    this.limit = limit;
  }
}

/** The API Gateway management operation a {@link ConnectionApiError} comes from. */
export type ConnectionOperation = 'PostToConnection' | 'DeleteConnection' | 'GetConnection';

/**
 * A management API call failed for a reason other than the connection being gone (which is an answer, not
 * an error): missing permission, throttling, an API Gateway fault. `retryable` tells throttling and faults
 * apart from a call that will fail again.
 */
export class ConnectionApiError extends PlatformError {
  readonly connectionId: string;
  readonly operation: ConnectionOperation;
  /** The AWS error name (`ForbiddenException`, `LimitExceededException`...), when AWS answered. */
  readonly awsErrorName: string;
  readonly retryable: boolean;

  constructor(options: {
    connectionId: string;
    operation: ConnectionOperation;
    awsErrorName: string;
    httpStatus: number | undefined;
    cause: unknown;
  }) {
    super({
      status: 502,
      type: 'connection-api-failed',
      title: 'A WebSocket connection could not be reached',
      detail: `${options.operation} to ${options.connectionId} failed: ${options.awsErrorName}`,
      cause: options.cause,
    });
    this.connectionId = options.connectionId;
    this.operation = options.operation;
    this.awsErrorName = options.awsErrorName;
    const status = options.httpStatus;
    this.retryable = status === undefined || status === 429 || status >= 500;
  }
}
