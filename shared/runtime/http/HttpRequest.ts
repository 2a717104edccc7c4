import type { Logger } from '@aws-lambda-powertools/logger';
import type { Metrics } from '@aws-lambda-powertools/metrics';
import type { APIGatewayProxyEventV2WithLambdaAuthorizer } from 'aws-lambda';
import type { z } from 'zod';
import type { Identity } from '../../contracts/identity.ts';

/** What the authorizer puts in `requestContext.authorizer.lambda`: the identity, JSON-encoded. */
export type AuthorizerContext = { readonly identity?: unknown } | null | undefined;

/** The API Gateway HTTP API (payload 2.0) event the kit reads. */
export type HttpEvent = APIGatewayProxyEventV2WithLambdaAuthorizer<AuthorizerContext>;

/** Raw string parameters (query or path) when a handler declares no schema for them. */
export type RawParameters = Readonly<Record<string, string | undefined>>;

/** The parsed type of an optional schema: what the handler receives. */
export type Parsed<S, Otherwise> = S extends z.ZodType ? z.infer<S> : Otherwise;

/** A request after the kit parsed and validated it. */
export interface HttpRequest<Body, Query, Path> {
  readonly body: Body;
  readonly query: Query;
  readonly path: Path;
  /** The caller, or null on a public route (no authorizer ran). */
  readonly identity: Identity | null;
  /** Request headers, names lower-cased. */
  readonly headers: Readonly<Record<string, string>>;
  readonly correlationId: string;
  readonly logger: Logger;
  readonly metrics: Metrics;
  /** The raw event, for the rare handler that needs more (e.g. cookies, source IP). */
  readonly event: HttpEvent;
}

/** What a handler returns; the kit turns it into the API Gateway response. */
export interface HttpResult {
  /** @default 200 (204 when there is no body) */
  readonly status?: number;
  /** Sent as JSON, unless it is a string and `headers` set a content-type. */
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  /** `Set-Cookie` values (payload 2.0 carries them apart from headers). */
  readonly cookies?: readonly string[];
}
