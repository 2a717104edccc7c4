import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A switchable EventBridge in front of the embedded platform's AWS endpoint, for outage tests. Functions get
 * its URL as `AWS_ENDPOINT_URL_EVENTBRIDGE`; while `down`, every PutEvents entry fails (`InternalFailure`, as
 * EventBridge reports a partial failure) and nothing reaches the bus; otherwise requests pass through as
 * they are (headers included).
 */
export interface FlakyEventBus {
  readonly url: string;
  /** Where requests go while the bus is up (the platform's AWS endpoint, known once it started). */
  target: string | undefined;
  down: boolean;
  /** PutEvents entries refused while down. */
  readonly refused: number;
  close(): Promise<void>;
}

const readAll = (req: IncomingMessage): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });

export const startFlakyEventBus = async (): Promise<FlakyEventBus> => {
  const state = { target: undefined as string | undefined, down: false, refused: 0 };
  const server: Server = createServer(async (req, res) => {
    const body = await readAll(req);
    if (state.down || !state.target) {
      const entries = (JSON.parse(body.toString('utf8') || '{}') as { Entries?: unknown[] }).Entries ?? [];
      state.refused += entries.length;
      const answer = JSON.stringify({
        FailedEntryCount: entries.length,
        Entries: entries.map(() => ({
          ErrorCode: 'InternalFailure',
          ErrorMessage: 'The bus is down (test)',
        })),
      });
      res.writeHead(200, {
        'content-type': 'application/x-amz-json-1.1',
        'content-length': Buffer.byteLength(answer),
      });
      res.end(answer);
      return;
    }
    const upstream = httpRequest(
      `${state.target}${req.url ?? '/'}`,
      { method: req.method, headers: req.headers },
      (reply) => {
        res.writeHead(reply.statusCode ?? 502, reply.headers);
        reply.pipe(res);
      },
    );
    upstream.on('error', () => {
      res.writeHead(502);
      res.end();
    });
    upstream.end(body);
  });
  server.keepAliveTimeout = 1_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get target() {
      return state.target;
    },
    set target(value) {
      state.target = value;
    },
    get down() {
      return state.down;
    },
    set down(value) {
      state.down = value;
    },
    get refused() {
      return state.refused;
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
};
