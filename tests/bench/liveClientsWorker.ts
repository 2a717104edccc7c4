import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { LiveClient } from '../helpers/liveClient.ts';

/** What the bench asks of its client thread. */
export type ClientsRequest =
  | { readonly type: 'open'; readonly total: number }
  | {
      readonly type: 'expect';
      readonly fileName: string;
      readonly timeoutMs: number;
      /** Also wait for each client's next frame of this type (the broadcast's echo) before answering. */
      readonly thenEcho?: { readonly type: string; readonly timeoutMs: number };
    }
  | { readonly type: 'close' };

/** What the client thread answers. */
export type ClientsAnswer =
  | { readonly type: 'opened'; readonly total: number }
  | { readonly type: 'armed' }
  /** Epoch milliseconds (fractional) each client had the frame, NaN when it never came. */
  | { readonly type: 'arrived'; readonly times: number[] }
  | { readonly type: 'closed' }
  | { readonly type: 'failed'; readonly message: string };

/** Connects and subscribes in flight at once while clients are set up. */
const SETUP_CONCURRENCY = 10;

const { wsUrl, token, bandId } = workerData as { wsUrl: string; token: string; bandId: string };
const port = parentPort;
if (!port) throw new Error('liveClientsWorker.ts must run in a worker thread');
const clients: LiveClient[] = [];
const now = (): number => performance.timeOrigin + performance.now();

const openOne = async (): Promise<LiveClient> => {
  // Setting up is not measured; a handshake refused while containers start is tried again.
  for (let attempt = 1; ; attempt++) {
    try {
      const client = await LiveClient.connect(wsUrl, token);
      const answer = await client.request({ action: 'subscribe', bandId }, 'subscribed', 60_000);
      if (answer.type === 'subscribed') return client;
      await client.close();
    } catch (error) {
      if (attempt >= 10) throw error;
    }
  }
};

const handle = async (request: ClientsRequest): Promise<ClientsAnswer> => {
  switch (request.type) {
    case 'open': {
      // The first one alone: it warms the edge's functions (authorizer, $connect, $default).
      if (clients.length === 0 && request.total > 0) clients.push(await openOne());
      while (clients.length < request.total) {
        const batch = Math.min(SETUP_CONCURRENCY, request.total - clients.length);
        clients.push(...(await Promise.all(Array.from({ length: batch }, openOne))));
      }
      return { type: 'opened', total: clients.length };
    }
    case 'expect': {
      const arrivals = clients.map((c) =>
        c
          .next((f) => f.type === 'file_updated' && f.fileName === request.fileName, request.timeoutMs)
          .then(now, () => Number.NaN),
      );
      const { thenEcho } = request;
      // Armed with the file's wait, so an echo that comes quickly is not missed (frames are kept anyway).
      const echoes = thenEcho
        ? clients.map((c) =>
            c.next((f) => f.type === thenEcho.type, thenEcho.timeoutMs).catch(() => undefined),
          )
        : [];
      port.postMessage({ type: 'armed' } satisfies ClientsAnswer);
      const times = await Promise.all(arrivals);
      await Promise.all(echoes);
      return { type: 'arrived', times };
    }
    case 'close':
      await Promise.all(clients.splice(0).map((c) => c.close()));
      return { type: 'closed' };
  }
};

port.on('message', (request: ClientsRequest) => {
  handle(request).then(
    (answer) => port.postMessage(answer),
    (error: unknown) => port.postMessage({ type: 'failed', message: String(error) } satisfies ClientsAnswer),
  );
});
