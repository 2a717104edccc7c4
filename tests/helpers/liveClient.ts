import { WebSocket } from 'ws';

/** A frame the live channel sent, parsed. */
export type LiveFrame = { readonly type: string } & Record<string, unknown>;

/**
 * A real `ws` client of the sync module's WebSocket API that keeps every frame it receives, so a test can
 * wait for one (`next`) or assert that none of a kind arrived (`received`).
 */
export class LiveClient {
  readonly frames: LiveFrame[] = [];
  private waiters: { match: (f: LiveFrame) => boolean; resolve: (f: LiveFrame) => void }[] = [];
  /** Frames already answered to a `next`: each is handed out once, whatever order frames arrive in. */
  private readonly taken = new Set<LiveFrame>();

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as LiveFrame;
      this.frames.push(frame);
      const waiter = this.waiters.find((w) => w.match(frame));
      if (waiter) {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        this.taken.add(frame);
        waiter.resolve(frame);
      }
    });
  }

  /** Connects with `?token=`; rejects with the HTTP status when the handshake is refused. */
  static connect(wsUrl: string, token: string): Promise<LiveClient> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(`${wsUrl}/?token=${encodeURIComponent(token)}`);
      socket.once('open', () => resolve(new LiveClient(socket)));
      socket.once('unexpected-response', (_req, res) =>
        reject(new Error(`handshake refused: ${res.statusCode}`)),
      );
      socket.once('error', reject);
    });
  }

  send(message: unknown): void {
    this.socket.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  /** The first frame that matches and no earlier `next` took, or a timeout error. */
  next(match: (f: LiveFrame) => boolean, timeoutMs = 5_000): Promise<LiveFrame> {
    const found = this.frames.find((f) => !this.taken.has(f) && match(f));
    if (found) {
      this.taken.add(found);
      return Promise.resolve(found);
    }
    return this.upcoming(match, timeoutMs);
  }

  /** Sends a frame and waits for the answer of that type (or an error) arriving after it. */
  async request(message: unknown, type: string, timeoutMs = 5_000): Promise<LiveFrame> {
    const answer = this.upcoming((f) => f.type === type || f.type === 'error', timeoutMs);
    this.send(message);
    return answer;
  }

  /** The first frame still to arrive that matches, or a timeout error. */
  private upcoming(match: (f: LiveFrame) => boolean, timeoutMs: number): Promise<LiveFrame> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w.match !== match);
        reject(
          new Error(`no matching frame within ${timeoutMs} ms; got ${JSON.stringify(this.frames.slice(-5))}`),
        );
      }, timeoutMs);
      this.waiters.push({
        match,
        resolve: (f) => {
          clearTimeout(timer);
          resolve(f);
        },
      });
    });
  }

  received(type: string): LiveFrame[] {
    return this.frames.filter((f) => f.type === type);
  }

  close(): Promise<void> {
    if (this.socket.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      this.socket.once('close', () => resolve());
      this.socket.close();
    });
  }
}
