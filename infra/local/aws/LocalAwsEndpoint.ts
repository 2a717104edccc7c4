import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AwsCredentialIdentity } from '@smithy/types';
import { LOCAL_AWS_CREDENTIALS } from '../shared/localNames.ts';
import type { ConnectionRegistry } from '../websocket/ConnectionRegistry.ts';
import { ADMIN_PREFIX, AdminApi, type AdminApiOptions } from './adminApi.ts';
import { CONNECTIONS_PATH, ConnectionsApi, MAX_MESSAGE_BYTES, sendMessageTooLong } from './connectionsApi.ts';
import { EventBridgeApi, type EventBridgeApiOptions } from './eventBridgeApi.ts';
import { foreignCallerReason } from './foreignCallerReason.ts';
import { readBoundedBody, sendAwsError, sendJson } from './httpExchange.ts';
import {
  invokePayloadLimit,
  LAMBDA_INVOKE_PATH,
  LambdaApi,
  type LambdaApiOptions,
  sendPayloadTooLarge,
} from './lambdaApi.ts';
import { PUT_EVENTS_REQUEST_MAX_BYTES } from './putEventsEntries.ts';
import { SigV4Verifier } from './SigV4Verifier.ts';
import { S3Api, type S3ApiOptions } from './s3Api.ts';
import {
  SECRETS_MANAGER_MAX_BODY_BYTES,
  SecretsManagerApi,
  type SecretsManagerApiOptions,
} from './secretsManagerApi.ts';

/** Default port of the local AWS endpoint (`SOLEIL_AWS_PORT`). */
export const DEFAULT_AWS_PORT = 4010;

export interface LocalAwsEndpointOptions {
  readonly eventBridge: EventBridgeApiOptions;
  readonly lambda: LambdaApiOptions;
  readonly admin: AdminApiOptions;
  /** The WebSocket server's connections; a getter because it starts after this endpoint. */
  readonly connections: () => ConnectionRegistry | undefined;
  /** The credentials requests must be signed with (SigV4). @default LOCAL_AWS_CREDENTIALS */
  readonly credentials?: AwsCredentialIdentity;
  /** Where a request that failed inside the endpoint is reported. @default console.error */
  readonly log?: (line: string) => void;
  /** The S3 subset on the model's buckets; absent: no bucket is served. */
  readonly s3?: S3ApiOptions;
  /** The Secrets Manager subset on the model's secrets; absent: no secret is served. */
  readonly secretsManager?: SecretsManagerApiOptions;
}

const EVENTBRIDGE_TARGET = /^AWSEvents\.(\w+)$/;
const SECRETS_MANAGER_TARGET = /^secretsmanager\.(\w+)$/;
const EVENTBRIDGE_CONTENT_TYPE = 'application/x-amz-json-1.1';

/**
 * The largest EventBridge request body read: twice the 1 MiB a PutEvents request's entries may total, room
 * for the JSON escaping of their strings, plus the other fields. Larger bodies cannot be valid.
 */
export const EVENTBRIDGE_MAX_BODY_BYTES = 2 * PUT_EVENTS_REQUEST_MAX_BYTES + 64 * 1024;

/** What the admin routes and anything unknown may send: a few small fields. */
const MAX_OTHER_BODY_BYTES = 64 * 1024;

/** AWS's text for an internal failure: what went wrong stays in the local log, not in the answer. */
const INTERNAL_FAILURE_MESSAGE =
  'The request processing has failed because of an unknown error, exception or failure.';

/** The API a request is for, known from its path and headers before its body is read. */
type Route =
  | { readonly api: 'eventBridge'; readonly target: string }
  | { readonly api: 'secretsManager'; readonly operation: string }
  | { readonly api: 'lambda'; readonly rawName: string; readonly invocationType: string | undefined }
  | { readonly api: 'connections'; readonly rawId: string }
  | { readonly api: 'admin' }
  | { readonly api: 's3' }
  | { readonly api: 'unknown' };

/** Drive copies library files of up to 200 MB into its cache bucket; the local S3 holds a body in memory. */
const MAX_S3_OBJECT_BYTES = 256 * 1024 * 1024;

/** How large a body a route takes, and its API's answer to a larger one. */
const bodyLimitOf = (route: Route): { bytes: number; tooLarge: (res: ServerResponse) => void } => {
  switch (route.api) {
    case 'eventBridge':
      return {
        bytes: EVENTBRIDGE_MAX_BODY_BYTES,
        tooLarge: (res) =>
          sendAwsError(
            res,
            413,
            'RequestEntityTooLargeException',
            `Request must be smaller than ${EVENTBRIDGE_MAX_BODY_BYTES} bytes`,
            EVENTBRIDGE_CONTENT_TYPE,
          ),
      };
    case 'secretsManager':
      return {
        bytes: SECRETS_MANAGER_MAX_BODY_BYTES,
        tooLarge: (res) =>
          sendAwsError(
            res,
            413,
            'RequestEntityTooLargeException',
            `Request must be smaller than ${SECRETS_MANAGER_MAX_BODY_BYTES} bytes`,
            EVENTBRIDGE_CONTENT_TYPE,
          ),
      };
    case 'lambda': {
      const bytes = invokePayloadLimit(route.invocationType);
      return { bytes, tooLarge: (res) => sendPayloadTooLarge(res, bytes) };
    }
    case 'connections':
      return { bytes: MAX_MESSAGE_BYTES, tooLarge: sendMessageTooLong };
    case 's3':
      return {
        bytes: MAX_S3_OBJECT_BYTES,
        tooLarge: (res) =>
          sendJson(res, 413, {
            message: `Objects of the local S3 take at most ${MAX_S3_OBJECT_BYTES} bytes`,
          }),
      };
    default:
      return {
        bytes: MAX_OTHER_BODY_BYTES,
        tooLarge: (res) =>
          sendJson(res, 413, { message: `Requests take at most ${MAX_OTHER_BODY_BYTES} bytes` }),
      };
  }
};

const routeOf = (req: IncomingMessage, url: URL): Route => {
  const target = req.headers['x-amz-target'];
  const secrets = typeof target === 'string' ? SECRETS_MANAGER_TARGET.exec(target)?.[1] : undefined;
  if (secrets !== undefined) return { api: 'secretsManager', operation: secrets };
  if (typeof target === 'string') return { api: 'eventBridge', target };
  const lambda = LAMBDA_INVOKE_PATH.exec(url.pathname);
  if (lambda?.[1] && req.method === 'POST') {
    const type = req.headers['x-amz-invocation-type'];
    return { api: 'lambda', rawName: lambda[1], invocationType: typeof type === 'string' ? type : undefined };
  }
  const connection = CONNECTIONS_PATH.exec(url.pathname);
  if (connection?.[1]) return { api: 'connections', rawId: connection[1] };
  if (url.pathname.startsWith(ADMIN_PREFIX)) return { api: 'admin' };
  return { api: 'unknown' };
};

/**
 * One HTTP server that the real AWS SDK v3 clients and the AWS CLI talk to instead of AWS: EventBridge
 * (JSON 1.1 on `/`), Lambda Invoke, API Gateway `@connections`, S3 objects of the model's
 * buckets (header-signed calls and presigned download links), the model's secrets (Secrets Manager's
 * Put/Get/DescribeSecret), plus local admin routes under `/_soleil/`.
 * As AWS does before IAM, it answers only requests signed (SigV4, header or presigned query) with the local
 * credentials; and only AWS clients of this machine: a loopback `Host`, no `Origin` (see
 * {@link foreignCallerReason}). Lambda Invoke runs a function with no authorizer in front, so this is what
 * stops a web page from invoking one with an identity of its choosing. A body is read only up to its API's
 * own limit (413 past it, the rest never held), malformed input is answered as AWS answers it, and a failure
 * inside the endpoint with AWS's generic `InternalFailure`, never with JavaScript's error text.
 */
export class LocalAwsEndpoint {
  private readonly server: Server;
  private readonly eventBridge: EventBridgeApi;
  private readonly lambda: LambdaApi;
  private readonly connections: ConnectionsApi;
  private readonly admin: AdminApi;
  private readonly signatures: SigV4Verifier;
  private readonly s3: S3Api | null;
  private readonly secretsManager: SecretsManagerApi | null;

  constructor(options: LocalAwsEndpointOptions) {
    this.signatures = new SigV4Verifier({ credentials: options.credentials ?? LOCAL_AWS_CREDENTIALS });
    this.eventBridge = new EventBridgeApi(options.eventBridge);
    this.lambda = new LambdaApi(options.lambda);
    this.connections = new ConnectionsApi(options.connections);
    this.admin = new AdminApi(options.admin);
    this.s3 = options.s3 ? new S3Api(options.s3) : null;
    this.secretsManager = options.secretsManager ? new SecretsManagerApi(options.secretsManager) : null;
    const log = options.log ?? ((line: string) => console.error(line));
    this.server = createServer((req, res) => {
      this.route(req, res).catch((error: unknown) => {
        log(`[aws] ${req.method} ${req.url} failed: ${(error as Error).stack ?? String(error)}`);
        if (!res.headersSent) sendAwsError(res, 500, 'InternalFailure', INTERNAL_FAILURE_MESSAGE);
        else res.end();
      });
    });
    // SDK clients keep connections alive; without this, stop() would wait for them to time out.
    this.server.keepAliveTimeout = 5_000;
  }

  async start(port: number): Promise<{ port: number; url: string }> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => resolve());
    });
    const actual = (this.server.address() as AddressInfo).port;
    return { port: actual, url: `http://127.0.0.1:${actual}` };
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://localhost');
    } catch {
      req.resume();
      sendAwsError(res, 400, 'BadRequestException', 'The request target is not a valid URL.');
      return;
    }
    const method = req.method ?? 'GET';
    const foreign = foreignCallerReason(req);
    if (foreign !== undefined) {
      req.resume();
      sendAwsError(res, 403, 'AccessDeniedException', foreign);
      return;
    }
    const matched = routeOf(req, url);
    const route: Route = matched.api === 'unknown' && this.s3?.handles(url) ? { api: 's3' } : matched;
    const limit = bodyLimitOf(route);
    const body = await readBoundedBody(req, res, limit.bytes, limit.tooLarge);
    if (body === undefined) return;
    const signature = await this.signatures.verify({
      method,
      url: req.url ?? '/',
      headers: req.headersDistinct,
      body,
    });
    if (!signature.valid) {
      sendAwsError(res, signature.status, signature.code, signature.message);
      return;
    }
    switch (route.api) {
      case 'eventBridge': {
        const operation = EVENTBRIDGE_TARGET.exec(route.target)?.[1];
        if (!operation) {
          sendAwsError(
            res,
            400,
            'UnknownOperationException',
            `Unknown target ${route.target}`,
            EVENTBRIDGE_CONTENT_TYPE,
          );
          return;
        }
        await this.eventBridge.handle(operation, body, res);
        return;
      }
      case 'secretsManager':
        if (this.secretsManager === null) {
          sendAwsError(
            res,
            400,
            'UnknownOperationException',
            'No secret is served here.',
            EVENTBRIDGE_CONTENT_TYPE,
          );
          return;
        }
        await this.secretsManager.handle(route.operation, body, res);
        return;
      case 'lambda':
        await this.lambda.handle(route.rawName, route.invocationType, body, res);
        return;
      case 'connections':
        this.connections.handle(method, route.rawId, body, res);
        return;
      case 'admin':
        this.admin.handle(method, url, body, res);
        return;
      case 's3':
        await this.s3?.handle({ method, url, headers: req.headers, body }, res);
        return;
      case 'unknown':
        sendAwsError(
          res,
          404,
          'UnknownOperationException',
          `${method} ${url.pathname} is not an API of the local endpoint`,
        );
    }
  }
}
