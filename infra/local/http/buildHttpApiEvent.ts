import type {
  APIGatewayEventRequestContextV2,
  APIGatewayProxyEventV2WithRequestContext,
  APIGatewayRequestAuthorizerEventV2,
} from 'aws-lambda';
import { LOCAL_ACCOUNT_ID, LOCAL_AWS_REGION } from '../shared/localNames.ts';
import { LOCAL_HTTP_API_ID } from './apiGatewayConstants.ts';
import type { MatchedRoute } from './HttpRouteTable.ts';
import { decodePathSegment } from './HttpRouteTable.ts';
import type { IncomingHttpRequest } from './IncomingHttpRequest.ts';
import { isTextContentType } from './isTextContentType.ts';
import { formatRequestTime, newTraceId } from './requestIds.ts';

/** The payload format 2.0 event of a route with a Lambda authorizer (`requestContext.authorizer.lambda`). */
export type HttpApiEvent = APIGatewayProxyEventV2WithRequestContext<
  APIGatewayEventRequestContextV2 & { authorizer?: { lambda: Record<string, unknown> } }
>;

/** Where the API is reached from the client's point of view. */
export interface HttpApiSite {
  readonly stage: string;
  readonly localPort: number;
}

/**
 * The parts of the request both events share, computed once: headers joined as API Gateway joins them,
 * cookies moved out of the headers, query decoded.
 */
export interface HttpApiRequestParts {
  readonly headers: Record<string, string>;
  readonly cookies: string[];
  readonly queryStringParameters: Record<string, string> | undefined;
  readonly requestContext: APIGatewayEventRequestContextV2;
  readonly rawPath: string;
}

/** Computes the request parts API Gateway derives before calling the authorizer and the route. */
export const httpApiRequestParts = (
  request: IncomingHttpRequest,
  routeKey: string,
  site: HttpApiSite,
): HttpApiRequestParts => {
  // Maps, then fromEntries: a client's `__proto__` header must stay data, never reach a prototype.
  const headerMap = new Map<string, string>();
  const cookies: string[] = [];
  for (const [name, values] of Object.entries(request.headers)) {
    if (name === 'cookie') {
      for (const value of values)
        cookies.push(
          ...value
            .split(';')
            .map((c) => c.trim())
            .filter(Boolean),
        );
    } else {
      // Payload 2.0 has no multi-value headers: repeated headers are comma-joined.
      headerMap.set(name, values.join(','));
    }
  }
  headerMap.set('x-forwarded-for', request.sourceIp);
  headerMap.set('x-forwarded-port', String(site.localPort));
  headerMap.set('x-forwarded-proto', 'http');
  headerMap.set('x-amzn-trace-id', newTraceId(request.receivedAt));
  const headers = Object.fromEntries(headerMap);

  const domainName = (headers.host ?? `localhost:${site.localPort}`).replace(/:\d+$/, '');
  // HTTP APIs hand the path to Lambda decoded (unlike REST APIs).
  const rawPath = request.rawPath.split('/').map(decodePathSegment).join('/');
  return {
    headers,
    cookies,
    queryStringParameters: parseQuery(request.rawQueryString),
    rawPath,
    requestContext: {
      accountId: LOCAL_ACCOUNT_ID,
      apiId: LOCAL_HTTP_API_ID,
      domainName,
      domainPrefix: domainName.split('.')[0] ?? domainName,
      http: {
        method: request.method,
        path: rawPath,
        protocol: request.protocol,
        sourceIp: request.sourceIp,
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: request.requestId,
      routeKey,
      stage: site.stage,
      time: formatRequestTime(request.receivedAt),
      timeEpoch: request.receivedAt.getTime(),
    },
  };
};

/**
 * The payload format 2.0 event API Gateway sends to the route's function. Optional members are left out
 * when empty, as API Gateway leaves them out.
 */
export const buildHttpApiEvent = (
  request: IncomingHttpRequest,
  matched: MatchedRoute,
  parts: HttpApiRequestParts,
  authorizerContext: Record<string, unknown> | undefined,
): HttpApiEvent => {
  const event: HttpApiEvent = {
    version: '2.0',
    routeKey: matched.routeKey,
    rawPath: parts.rawPath,
    rawQueryString: request.rawQueryString,
    headers: parts.headers,
    requestContext:
      authorizerContext === undefined
        ? parts.requestContext
        : { ...parts.requestContext, authorizer: { lambda: authorizerContext } },
    isBase64Encoded: false,
  };
  if (parts.cookies.length > 0) event.cookies = parts.cookies;
  if (parts.queryStringParameters !== undefined) event.queryStringParameters = parts.queryStringParameters;
  if (Object.keys(matched.pathParameters).length > 0) event.pathParameters = { ...matched.pathParameters };
  if (request.body.length > 0) {
    const text = isTextContentType(parts.headers['content-type']);
    event.body = request.body.toString(text ? 'utf8' : 'base64');
    event.isBase64Encoded = !text;
  }
  return event;
};

/**
 * The payload format 2.0 REQUEST authorizer event, with the `Authorization` header as identity source.
 */
export const buildHttpAuthorizerEvent = (
  request: IncomingHttpRequest,
  matched: MatchedRoute,
  parts: HttpApiRequestParts,
  identitySource: string,
): APIGatewayRequestAuthorizerEventV2 => {
  const event: APIGatewayRequestAuthorizerEventV2 = {
    version: '2.0',
    type: 'REQUEST',
    routeArn: `arn:aws:execute-api:${LOCAL_AWS_REGION}:${LOCAL_ACCOUNT_ID}:${LOCAL_HTTP_API_ID}/${parts.requestContext.stage}/${request.method}${parts.rawPath}`,
    identitySource: [identitySource],
    routeKey: matched.routeKey,
    rawPath: parts.rawPath,
    rawQueryString: request.rawQueryString,
    cookies: parts.cookies,
    headers: parts.headers,
    requestContext: parts.requestContext,
  };
  if (parts.queryStringParameters !== undefined) event.queryStringParameters = parts.queryStringParameters;
  if (Object.keys(matched.pathParameters).length > 0) event.pathParameters = { ...matched.pathParameters };
  return event;
};

/** Decoded query parameters, repeated names comma-joined (payload 2.0 has no multi-value parameters). */
const parseQuery = (rawQueryString: string): Record<string, string> | undefined => {
  if (rawQueryString === '') return undefined;
  const parameters = new Map<string, string>();
  for (const [name, value] of new URLSearchParams(rawQueryString)) {
    const previous = parameters.get(name);
    parameters.set(name, previous === undefined ? value : `${previous},${value}`);
  }
  return parameters.size > 0 ? Object.fromEntries(parameters) : undefined;
};
