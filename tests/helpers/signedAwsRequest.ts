import { request } from 'node:http';
import { SignatureV4 } from '@smithy/signature-v4';
import { LOCAL_AWS_CREDENTIALS, LOCAL_AWS_REGION } from '../../infra/local/shared/localNames.ts';
import { NodeSha256 } from '../../shared/runtime/aws/NodeSha256.ts';

/** What the local AWS endpoint answered to a raw request. */
export interface RawAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly text: string;
}

/**
 * Sends a request to the local AWS endpoint on `port` exactly as given — a path no SDK would build
 * (`/@connections/%zz`), a body no SDK would send — signed (SigV4, local credentials) over that raw path and
 * body, as the endpoint checks signatures before it looks at anything else.
 */
export const signedAwsRequest = async (options: {
  readonly port: number;
  readonly path: string;
  readonly body?: string | Buffer;
  readonly method?: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** The SigV4 service name. @default 'events' */
  readonly service?: string;
}): Promise<RawAnswer> => {
  const method = options.method ?? 'POST';
  const host = `127.0.0.1:${options.port}`;
  const body = options.body ?? '';
  const queryAt = options.path.indexOf('?');
  const signer = new SignatureV4({
    credentials: LOCAL_AWS_CREDENTIALS,
    region: LOCAL_AWS_REGION,
    service: options.service ?? 'events',
    sha256: NodeSha256,
  });
  const signed = await signer.sign({
    method,
    protocol: 'http:',
    hostname: '127.0.0.1',
    port: options.port,
    path: queryAt === -1 ? options.path : options.path.slice(0, queryAt),
    query: {},
    headers: { host, ...options.headers },
    body,
  });
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: options.port, path: options.path, method, headers: signed.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
};
