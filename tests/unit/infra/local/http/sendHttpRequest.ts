import { request } from 'node:http';

/** What a test sees of a response. */
export interface TestResponse {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

/** A raw `node:http` request: full control over headers (Cookie, Origin, repeated names). */
export const sendHttpRequest = (
  port: number,
  options: {
    method?: string;
    path: string;
    headers?: Record<string, string | string[]>;
    body?: Buffer | string;
  },
): Promise<TestResponse> =>
  new Promise((resolve, reject) => {
    // Node's client frames a GET body only when told its length.
    const length =
      options.body === undefined ? {} : { 'content-length': String(Buffer.byteLength(options.body)) };
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: options.method ?? 'GET',
        path: options.path,
        headers: { ...length, ...options.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
