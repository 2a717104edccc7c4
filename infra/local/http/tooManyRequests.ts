import { TooManyRequestsError } from '../../../shared/runtime/errors/requestErrors.ts';
import { PROBLEM_CONTENT_TYPE, toProblem } from '../../../shared/runtime/errors/toProblem.ts';
import type { GatewayResponse } from './GatewayResponse.ts';

/**
 * The edge's answer to a throttled request: 429 problem+json with `Retry-After` in whole seconds (at least
 * one). API Gateway itself answers 429 with its own JSON message and no `Retry-After` (an HTTP API cannot
 * change its own responses); the embedded platform answers in the platform's error format and says when to
 * retry. A client should rely on the status, which both give.
 */
export const tooManyRequests = (waitMs: number, path: string): GatewayResponse => {
  const retryAfterSeconds = Math.max(1, Math.ceil(waitMs / 1000));
  const problem = toProblem(new TooManyRequestsError(retryAfterSeconds), { instance: path });
  return {
    status: problem.status,
    headers: [
      ['content-type', PROBLEM_CONTENT_TYPE],
      ['retry-after', String(retryAfterSeconds)],
    ],
    body: Buffer.from(JSON.stringify(problem)),
  };
};
