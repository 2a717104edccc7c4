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
  private cursor = 0;

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as LiveFrame;
      this.frames.push(frame);
      for (const waiter of [...this.waiters]) {
        if (waiter.match(frame)) {
          this.waiters = this.waiters.filter((w) => w !== waiter);
          waiter.resolve(frame);
        }
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

  /** The next frame (after those already taken by `next`) that matches, or a timeout error. */
  next(match: (f: LiveFrame) => boolean, timeoutMs = 5_000): Promise<LiveFrame> {
    const found = this.frames.slice(this.cursor).find(match);
    if (found) {
      this.cursor = this.frames.indexOf(found) + 1;
      return Promise.resolve(found);
    }
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
          this.cursor = this.frames.length;
          resolve(f);
        },
      });
    });
  }

  /** Sends a frame and waits for the answer of that type. */
  async request(message: unknown, type: string, timeoutMs?: number): Promise<LiveFrame> {
    const answer = this.next((f) => f.type === type || f.type === 'error', timeoutMs);
    this.send(message);
    return answer;
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
