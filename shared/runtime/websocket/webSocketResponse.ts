import { toProblem } from '../errors/toProblem.ts';
import { assertMessageSize, jsonMessage } from './encodeMessage.ts';
import type { WebSocketErrorFrame, WebSocketResult } from './WebSocketRequest.ts';

/** The Lambda proxy answer to a WebSocket event: API Gateway reads `statusCode` and `body`. */
export interface WebSocketResponse {
  readonly statusCode: number;
  readonly body?: string;
}

/** The route response for a handler's result; a body above the frame limit is refused like a push. */
export const webSocketResultResponse = (result: WebSocketResult | undefined): WebSocketResponse => {
  const statusCode = result?.statusCode ?? 200;
  const body = result?.body;
  if (body === undefined) return { statusCode };
  if (typeof body === 'string') {
    assertMessageSize(body);
    return { statusCode, body };
  }
  return { statusCode, body: jsonMessage(body) };
};

/**
 * The answer for an error: its status (which refuses a `$connect`) and an error frame carrying the problem
 * (mapping in {@link toProblem}, the one place that decides).
 */
export const webSocketErrorResponse = (
  error: unknown,
  context: { readonly routeKey: string; readonly correlationId: string },
): WebSocketResponse => {
  const problem = toProblem(error, { correlationId: context.correlationId });
  const frame: WebSocketErrorFrame = { type: 'error', routeKey: context.routeKey, problem };
  return { statusCode: problem.status, body: JSON.stringify(frame) };
};
