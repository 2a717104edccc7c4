import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EventBridgeClient, PutEventsCommand, type PutEventsCommandInput } from '@aws-sdk/client-eventbridge';
import { LOCAL_AWS_CREDENTIALS, LOCAL_AWS_REGION } from '../../infra/local/shared/localNames.ts';

/**
 * A switchable EventBridge in front of the embedded platform's, for outage tests. Functions get its URL as
 * their EventBridge endpoint. While `down`, every PutEvents entry fails (`InternalFailure`, as EventBridge
 * reports a partial failure) and nothing reaches the bus; otherwise each PutEvents is sent on to `target`
 * (the platform's AWS endpoint, known once it started) by a client of its own — the platform's endpoint
 * accepts only requests signed for its own address.
 */
export interface FlakyEventBus {
  readonly url: string;
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
  let client: EventBridgeClient | undefined;
  const answer = (res: import('node:http').ServerResponse, status: number, body: unknown): void => {
    const text = JSON.stringify(body);
    res.writeHead(status, {
      'content-type': 'application/x-amz-json-1.1',
      'content-length': Buffer.byteLength(text),
    });
    res.end(text);
  };
  const server: Server = createServer(async (req, res) => {
    const input = JSON.parse((await readAll(req)).toString('utf8') || '{}') as PutEventsCommandInput;
    if (req.headers['x-amz-target'] !== 'AWSEvents.PutEvents') {
      answer(res, 400, {
        __type: 'UnknownOperationException',
        message: 'The test bus forwards PutEvents only',
      });
      return;
    }
    const entries = input.Entries ?? [];
    if (state.down || !state.target) {
      state.refused += entries.length;
      answer(res, 200, {
        FailedEntryCount: entries.length,
        Entries: entries.map(() => ({
          ErrorCode: 'InternalFailure',
          ErrorMessage: 'The bus is down (test)',
        })),
      });
      return;
    }
    client ??= new EventBridgeClient({
      endpoint: state.target,
      region: LOCAL_AWS_REGION,
      credentials: LOCAL_AWS_CREDENTIALS,
    });
    try {
      const { FailedEntryCount, Entries } = await client.send(new PutEventsCommand(input));
      answer(res, 200, { FailedEntryCount, Entries });
    } catch (error) {
      answer(res, 500, { __type: 'InternalException', message: (error as Error).message });
    }
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
      client?.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
};
