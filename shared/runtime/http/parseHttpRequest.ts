import type { z } from 'zod';
import type { Identity } from '../../contracts/identity.ts';
import { type FieldIssue, fieldIssuesFromZod, ValidationError } from '../errors/ValidationError.ts';
import { CORRELATION_ID_HEADER, pickCorrelationId } from './correlationId.ts';
import type { HttpEvent } from './HttpRequest.ts';
import { readIdentity } from './readIdentity.ts';
import { readJsonBody } from './readJsonBody.ts';

/** The schemas a route declares; an absent schema leaves that part raw (body: undefined). */
export interface HttpSchemas {
  readonly body?: z.ZodType | undefined;
  readonly query?: z.ZodType | undefined;
  readonly path?: z.ZodType | undefined;
  readonly maxBodyBytes: number;
}

/** A request as plain values, before the kit adds logger and metrics. */
export interface ParsedHttpRequest {
  readonly body: unknown;
  readonly query: unknown;
  readonly path: unknown;
  readonly identity: Identity | null;
  readonly headers: Readonly<Record<string, string>>;
  readonly correlationId: string;
}

/** Header names lower-cased: API Gateway does it, hand-made events and local servers may not. */
const lowerCaseHeaders = (headers: HttpEvent['headers'] | undefined): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (typeof value === 'string') out[name.toLowerCase()] = value;
  }
  return out;
};

/** The correlation id of an HTTP event (see {@link pickCorrelationId}). */
export const httpCorrelationId = (event: HttpEvent): string =>
  pickCorrelationId(
    lowerCaseHeaders(event?.headers)[CORRELATION_ID_HEADER],
    event?.requestContext?.requestId,
  );

const validate = (
  schema: z.ZodType | undefined,
  value: unknown,
  where: string,
  issues: FieldIssue[],
): unknown => {
  if (!schema) return value;
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  issues.push(...fieldIssuesFromZod(result.error, where));
  return undefined;
};

/**
 * Reads and validates an HTTP API payload 2.0 event: identity, body, query and path. Every failure is a
 * {@link PlatformError} with a 4xx status: bad input never becomes a 5xx.
 */
export const parseHttpRequest = (event: HttpEvent, schemas: HttpSchemas): ParsedHttpRequest => {
  const headers = lowerCaseHeaders(event.headers);
  const correlationId = httpCorrelationId(event);
  const identity = readIdentity(event);
  const rawBody = schemas.body
    ? readJsonBody(typeof event.body === 'string' ? event.body : undefined, {
        isBase64Encoded: event.isBase64Encoded === true,
        contentType: headers['content-type'],
        requireJsonMediaType: true,
        maxBytes: schemas.maxBodyBytes,
      })
    : undefined;
  // Every part is checked before refusing, so one answer lists every field to fix.
  const issues: FieldIssue[] = [];
  const body = validate(schemas.body, rawBody, 'body', issues);
  const query = validate(schemas.query, { ...(event.queryStringParameters ?? {}) }, 'query', issues);
  const path = validate(schemas.path, { ...(event.pathParameters ?? {}) }, 'path', issues);
  if (issues.length > 0)
    throw new ValidationError(`${issues.length} invalid field(s) in the request`, issues);
  return {
    body,
    query,
    path,
    identity,
    headers,
    correlationId,
  };
};
