import { Worker } from 'node:worker_threads';
import type { ClientsAnswer, ClientsRequest } from './liveClientsWorker.ts';
import { TSX_API_URL } from './tsxApiUrl.ts';

// The worker is plain Node: it registers tsx's ESM hooks itself before importing the TypeScript entry.
const BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
import(workerData.tsxApi).then((tsx) => { tsx.register(); return import(workerData.entry); });
`;

/**
 * The bench's WebSocket clients on a thread of their own, as real clients are on other machines: the platform's
 * thread (WebSocket API, local AWS endpoint) does not also parse every client's frames.
 */
export class LiveClientsThread {
  private readonly worker: Worker;
  private readonly answers: ((answer: ClientsAnswer) => void)[] = [];

  constructor(options: { readonly wsUrl: string; readonly token: string; readonly bandId: string }) {
    this.worker = new Worker(BOOTSTRAP, {
      eval: true,
      workerData: {
        ...options,
        tsxApi: TSX_API_URL,
        entry: new URL('./liveClientsWorker.ts', import.meta.url).href,
      },
    });
    this.worker.on('message', (answer: ClientsAnswer) => this.answers.shift()?.(answer));
  }

  /** Opens clients (each subscribed to the band) until `total` are open. */
  async open(total: number): Promise<void> {
    await this.ask({ type: 'open', total });
  }

  /**
   * Arms every client to wait for `file_updated` of `fileName`; resolves once armed, with the promise of the
   * epoch milliseconds each client had it (NaN: never). With `thenEcho`, that promise resolves only once every
   * client also had its next frame of that type, or waited `thenEcho.timeoutMs` for it.
   */
  async expect(
    fileName: string,
    timeoutMs: number,
    thenEcho?: { readonly type: string; readonly timeoutMs: number },
  ): Promise<{ arrived: Promise<number[]> }> {
    let resolveArrived: (times: number[]) => void = () => {};
    let rejectArrived: (error: Error) => void = () => {};
    const arrived = new Promise<number[]>((resolve, reject) => {
      resolveArrived = resolve;
      rejectArrived = reject;
    });
    const armed = new Promise<void>((resolve, reject) => {
      this.answers.push((answer) => (answer.type === 'armed' ? resolve() : reject(failure(answer))));
      this.answers.push((answer) =>
        answer.type === 'arrived' ? resolveArrived(answer.times) : rejectArrived(failure(answer)),
      );
    });
    this.worker.postMessage({ type: 'expect', fileName, timeoutMs, thenEcho } satisfies ClientsRequest);
    await armed;
    return { arrived };
  }

  async close(): Promise<void> {
    await this.ask({ type: 'close' }).catch(() => undefined);
    await this.worker.terminate();
  }

  private ask(request: ClientsRequest): Promise<ClientsAnswer> {
    return new Promise((resolve, reject) => {
      this.answers.push((answer) => (answer.type === 'failed' ? reject(failure(answer)) : resolve(answer)));
      this.worker.postMessage(request);
    });
  }
}

const failure = (answer: ClientsAnswer): Error =>
  new Error(answer.type === 'failed' ? answer.message : `unexpected answer ${answer.type}`);
