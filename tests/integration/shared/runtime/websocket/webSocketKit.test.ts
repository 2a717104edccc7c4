import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { EmbeddedPlatform } from '../../../../../infra/local/startPlatform.ts';
import { ProbeListener } from '../../../../fixtures/modules-local/ProbeListener.ts';
import { startTestPlatform } from '../../../../helpers/startTestPlatform.ts';

// biome-ignore lint/suspicious/noExplicitAny: frames are read loosely by assertions
type Frame = Record<string, any>;

/** A real `ws` client that keeps every frame it received, so a test can wait for the one it expects. */
class LiveClient {
  readonly frames: Frame[] = [];
  private waiters: (() => void)[] = [];

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      this.frames.push(JSON.parse(data.toString()) as Frame);
      for (const wake of this.waiters.splice(0)) wake();
    });
  }

  static async open(url: string): Promise<LiveClient> {
    const socket = new WebSocket(url);
    await new Promise((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });
    return new LiveClient(socket);
  }

  send(message: unknown): void {
    this.socket.send(JSON.stringify(message));
  }

  /** The first frame (received from now on or already) that `predicate` accepts. */
  async next(predicate: (frame: Frame) => boolean, timeoutMs = 10_000): Promise<Frame> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const index = this.frames.findIndex(predicate);
      if (index !== -1) return this.frames.splice(index, 1)[0] as Frame;
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(`No matching frame in ${timeoutMs} ms; got ${JSON.stringify(this.frames)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  async close(): Promise<void> {
    if (this.socket.readyState === WebSocket.CLOSED) return;
    const closed = new Promise((resolve) => this.socket.once('close', resolve));
    this.socket.close();
    await closed;
  }
}

let platform: EmbeddedPlatform;
const probes = new ProbeListener();
const clients: LiveClient[] = [];
const connect = async (): Promise<LiveClient> => {
  const client = await LiveClient.open(platform.urls.ws);
  clients.push(client);
  return client;
};

beforeAll(async () => {
  // The fixture platform has no authorizer module: its WebSocket edge accepts $connect only when told to.
  platform = await startTestPlatform({ webSocket: { allowUnauthenticated: true } });
});

afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  probes.close();
  await platform?.stop();
});

describe('the WebSocket kit on the embedded platform', () => {
  it('runs $connect through the kit and refuses a connection when the handler throws', async () => {
    const accepted = await connect();
    expect(accepted.socket.readyState).toBe(WebSocket.OPEN);
    await probes.until((p) => p.of('live-connect').length >= 1);
    // No authorizer on the fixture platform: the kit reads no identity rather than failing.
    expect(probes.of('live-connect')[0]?.data).toMatchObject({ identity: null });

    const refused = new WebSocket(`${platform.urls.ws}?refuse=yes`);
    // Ending a refused handshake makes ws report "closed before established": expected here.
    refused.on('error', () => undefined);
    const status = await new Promise<number | undefined>((resolve) => {
      refused.once('unexpected-response', (_request, response) => {
        resolve(response.statusCode);
        refused.terminate();
      });
      refused.once('open', () => resolve(undefined));
    });
    expect(status).toBe(403);
  });

  it('answers a join through ConnectionNotifier and an invalid join with a 400 error frame', async () => {
    const client = await connect();
    client.send({ action: 'join', bandId: 'band-1' });
    const joined = await client.next((f) => f.type === 'joined');
    expect(joined).toMatchObject({ bandId: 'band-1', userId: null });
    expect(typeof joined.connectionId).toBe('string');

    client.send({ action: 'join', bandId: '' });
    const error = await client.next((f) => f.type === 'error');
    expect(error).toMatchObject({
      routeKey: 'join',
      problem: { status: 400, type: 'https://soleil.dev/problems/validation-failed' },
    });
    expect(client.socket.readyState).toBe(WebSocket.OPEN);
  });

  it('reports a connection its client closed as gone in a broadcast', async () => {
    const stays = await connect();
    const leaves = await connect();
    const idOf = async (client: LiveClient, bandId: string): Promise<string> => {
      client.send({ action: 'join', bandId });
      return (await client.next((f) => f.type === 'joined' && f.bandId === bandId)).connectionId as string;
    };
    const staysId = await idOf(stays, 'band-stays');
    const leavesId = await idOf(leaves, 'band-leaves');
    await leaves.close();

    stays.send({ action: 'shout', to: [staysId, leavesId], text: 'count-in' });
    expect(await stays.next((f) => f.type === 'shout')).toEqual({ type: 'shout', text: 'count-in' });
    expect(await stays.next((f) => f.type === 'shouted')).toEqual({
      type: 'shouted',
      sent: [staysId],
      gone: [leavesId],
    });
  });
});
