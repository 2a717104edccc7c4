import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AwsCredentialIdentity } from '@smithy/types';
import { LOCAL_AWS_CREDENTIALS } from '../shared/localNames.ts';
import type { ConnectionRegistry } from '../websocket/ConnectionRegistry.ts';
import { ADMIN_PREFIX, AdminApi, type AdminApiOptions } from './adminApi.ts';
import { CONNECTIONS_PATH, ConnectionsApi } from './connectionsApi.ts';
import { EventBridgeApi, type EventBridgeApiOptions } from './eventBridgeApi.ts';
import { foreignCallerReason } from './foreignCallerReason.ts';
import { readBody, sendAwsError } from './httpExchange.ts';
import { LAMBDA_INVOKE_PATH, LambdaApi, type LambdaApiOptions } from './lambdaApi.ts';
import { SigV4Verifier } from './SigV4Verifier.ts';
import { S3Api, type S3ApiOptions } from './s3Api.ts';

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
  /** The S3 subset on the model's buckets; absent: no bucket is served. */
  readonly s3?: S3ApiOptions;
}

const EVENTBRIDGE_TARGET = /^AWSEvents\.(\w+)$/;

/**
 * One HTTP server that the real AWS SDK v3 clients and the AWS CLI talk to instead of AWS: EventBridge
 * (JSON 1.1 on `/`), Lambda Invoke, API Gateway `@connections`, S3 objects of the model's
 * buckets (header-signed calls and presigned download links), plus local admin routes under `/_soleil/`.
 * As AWS does before IAM, it answers only requests signed (SigV4, header or presigned query) with the local
 * credentials; and only AWS clients of this machine: a loopback `Host`, no `Origin` (see
 * {@link foreignCallerReason}). Lambda Invoke runs a function with no authorizer in front, so this is what
 * stops a web page from invoking one with an identity of its choosing.
 */
export class LocalAwsEndpoint {
  private readonly server: Server;
  private readonly eventBridge: EventBridgeApi;
  private readonly lambda: LambdaApi;
  private readonly connections: ConnectionsApi;
  private readonly admin: AdminApi;
  private readonly signatures: SigV4Verifier;
  private readonly s3: S3Api | null;

  constructor(options: LocalAwsEndpointOptions) {
    this.signatures = new SigV4Verifier({ credentials: options.credentials ?? LOCAL_AWS_CREDENTIALS });
    this.eventBridge = new EventBridgeApi(options.eventBridge);
    this.lambda = new LambdaApi(options.lambda);
    this.connections = new ConnectionsApi(options.connections);
    this.admin = new AdminApi(options.admin);
    this.s3 = options.s3 ? new S3Api(options.s3) : null;
    this.server = createServer((req, res) => {
      this.route(req, res).catch((error: unknown) => {
        if (!res.headersSent) sendAwsError(res, 500, 'InternalFailure', (error as Error).message);
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
    const url = new URL(req.url ?? '/', 'http://localhost');
    const method = req.method ?? 'GET';
    const foreign = foreignCallerReason(req);
    if (foreign !== undefined) {
      req.resume();
      sendAwsError(res, 403, 'AccessDeniedException', foreign);
      return;
    }
    const body = await readBody(req);
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
    const target = req.headers['x-amz-target'];
    if (typeof target === 'string') {
      const operation = EVENTBRIDGE_TARGET.exec(target)?.[1];
      if (!operation) {
        sendAwsError(
          res,
          400,
          'UnknownOperationException',
          `Unknown target ${target}`,
          'application/x-amz-json-1.1',
        );
        return;
      }
      this.eventBridge.handle(operation, body, res);
      return;
    }
    const lambda = LAMBDA_INVOKE_PATH.exec(url.pathname);
    if (lambda?.[1] && method === 'POST') {
      const type = req.headers['x-amz-invocation-type'];
      await this.lambda.handle(lambda[1], typeof type === 'string' ? type : undefined, body, res);
      return;
    }
    const connection = CONNECTIONS_PATH.exec(url.pathname);
    if (connection?.[1]) {
      this.connections.handle(method, connection[1], body, res);
      return;
    }
    if (url.pathname.startsWith(ADMIN_PREFIX)) {
      this.admin.handle(method, url, body, res);
      return;
    }
    if (this.s3?.handles(url)) {
      await this.s3.handle({ method, url, headers: req.headers, body }, res);
      return;
    }
    sendAwsError(
      res,
      404,
      'UnknownOperationException',
      `${method} ${url.pathname} is not an API of the local endpoint`,
    );
  }
}
