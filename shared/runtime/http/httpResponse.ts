import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { PROBLEM_CONTENT_TYPE, retryAfterSeconds, toProblem } from '../errors/toProblem.ts';
import { CORRELATION_ID_HEADER } from './correlationId.ts';
import type { HttpResult } from './HttpRequest.ts';

/** The API Gateway response for a handler's result: JSON by default, correlation id echoed. */
export const resultResponse = (
  result: HttpResult,
  correlationId: string,
): APIGatewayProxyStructuredResultV2 => {
  const custom = Object.fromEntries(
    Object.entries(result.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]),
  );
  const hasBody = result.body !== undefined;
  const raw = typeof result.body === 'string' && custom['content-type'] !== undefined;
  return {
    statusCode: result.status ?? (hasBody ? 200 : 204),
    headers: {
      ...(hasBody && !raw ? { 'content-type': 'application/json' } : {}),
      ...custom,
      [CORRELATION_ID_HEADER]: correlationId,
    },
    ...(result.cookies && result.cookies.length > 0 ? { cookies: [...result.cookies] } : {}),
    body: !hasBody ? '' : raw ? (result.body as string) : JSON.stringify(result.body),
  };
};

/** The problem+json response for an error (mapping in {@link toProblem}, the one place that decides). */
export const problemResponse = (
  error: unknown,
  context: { correlationId: string; instance?: string },
): APIGatewayProxyStructuredResultV2 => {
  const problem = toProblem(error, context);
  const retryAfter = retryAfterSeconds(error);
  return {
    statusCode: problem.status,
    headers: {
      'content-type': PROBLEM_CONTENT_TYPE,
      [CORRELATION_ID_HEADER]: context.correlationId,
      ...(retryAfter === undefined ? {} : { 'retry-after': String(retryAfter) }),
    },
    body: JSON.stringify(problem),
  };
};
