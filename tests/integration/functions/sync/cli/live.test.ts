import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmbeddedPlatform } from '../../../../../infra/local/startPlatform.ts';
import { bandWithMembers, type SignedIn } from '../../../../helpers/bandFixtures.ts';
import { contentPublisher, fileUpdate } from '../../../../helpers/contentPublisher.ts';
import { startFlowPlatform } from '../../../../helpers/flows/startFlowPlatform.ts';
import { LiveClient, type LiveFrame } from '../../../../helpers/liveClient.ts';

// `npm run live` as a newcomer runs it: a child process talking to the embedded platform's WebSocket API, with
// the repository's modules behind it (auth's authorizer, sync). The change is `content.updated` published as
// content does (PutEvents); the path from a file dropped into the band's folder to that event is
// fileUpdateFlow.test.ts's. The CLI is started with the tsx binary `npx tsx` runs, not through npx: npm does not
// pass a SIGINT sent to it alone on to its child, and when the whole group gets one (a terminal's Ctrl-C) npm
// ends by the signal itself, so its exit status would not be the client's.
const ROOT = path.resolve(import.meta.dirname, '../../../../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
// The first delivery starts sync's relay (a cold container); on this shared 2-core machine that has taken seconds.
const FIRST_DELIVERY_MS = 30_000;
let platform: EmbeddedPlatform;
let band: { bandId: string; leader: SignedIn; members: SignedIn[] };
const running: ChildProcess[] = [];
const clients: LiveClient[] = [];

/** The CLI's output as it arrives: each stdout line split into its time and what follows it. */
class LiveCli {
  readonly lines: { at: string; text: string }[] = [];
  stderr = '';
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private waiters: (() => void)[] = [];

  constructor(readonly child: ChildProcess) {
    let partial = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      const text = partial + chunk.toString('utf8');
      const complete = text.split('\n');
      partial = complete.pop() ?? '';
      for (const line of complete) {
        const space = line.indexOf(' ');
        this.lines.push({ at: line.slice(0, space), text: line.slice(space + 1) });
      }
      for (const wake of this.waiters.splice(0)) wake();
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      this.stderr += chunk.toString('utf8');
    });
    this.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  }

  /** The frames printed so far (the lines that are JSON objects). */
  frames(): LiveFrame[] {
    return this.lines.flatMap(({ text }) => (text.startsWith('{') ? [JSON.parse(text) as LiveFrame] : []));
  }

  /** The first printed frame that matches, waiting for it up to `timeoutMs`. */
  async frame(match: (f: LiveFrame) => boolean, timeoutMs: number): Promise<LiveFrame> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.frames().find(match);
      if (found) return found;
      if (Date.now() > deadline || this.child.exitCode !== null)
        throw new Error(
          `not printed within ${timeoutMs} ms; stdout:\n${this.output()}\nstderr:\n${this.stderr}`,
        );
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 200);
      });
    }
  }

  output(): string {
    return this.lines.map((l) => `${l.at} ${l.text}`).join('\n');
  }
}

const startCli = (args: readonly string[]): LiveCli => {
  const child = spawn(TSX, ['functions/sync/cli/live.ts', ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.push(child);
  return new LiveCli(child);
};

beforeAll(async () => {
  platform = await startFlowPlatform();
  band = await bandWithMembers(platform.urls.http, { email: 'leader@cli.example', instruments: ['piano'] }, [
    { email: 'trumpet@cli.example', instruments: ['trumpet'] },
  ]);
}, 240_000);

afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  for (const child of running)
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await platform?.stop();
});

describe('npm run live: the terminal client of the live channel', () => {
  it('subscribes to the band, prints a pushed file_updated as one JSON line, and on SIGINT closes and exits 0', async () => {
    const trumpetPlayer = band.members[0] as SignedIn;
    // The leader's socket shows what the band sees of the CLI: its arrival and, after Ctrl-C, its departure.
    let leader: LiveClient | undefined;
    for (let attempt = 1; !leader; attempt++) {
      leader = await LiveClient.connect(platform.urls.ws, band.leader.accessToken).catch((error: unknown) => {
        if (attempt >= 5) throw error;
        return undefined;
      });
    }
    clients.push(leader);
    expect(
      (await leader.request({ action: 'subscribe', bandId: band.bandId }, 'subscribed', 30_000)).type,
    ).toBe('subscribed');

    const cli = startCli([
      '--token',
      trumpetPlayer.accessToken,
      '--band',
      band.bandId,
      '--url',
      platform.urls.ws,
    ]);
    const subscribed = await cli.frame((f) => f.type === 'subscribed', 60_000);
    expect(subscribed).toMatchObject({ bandId: band.bandId, role: 'member' });
    expect(cli.lines.some((l) => l.text === `connected to ${platform.urls.ws}; bands: ${band.bandId}`)).toBe(
      true,
    );
    await leader.next((f) => f.type === 'presence' && (f.joined as string[]).includes(trumpetPlayer.userId));

    await contentPublisher(platform.urls.aws).updated(
      fileUpdate(band.bandId, 'Misty_Bb.pdf', { instruments: ['trumpet'], token: 'Bb' }),
    );
    const pushed = await cli.frame((f) => f.type === 'file_updated', FIRST_DELIVERY_MS);
    expect(pushed).toMatchObject({
      bandId: band.bandId,
      fileName: 'Misty_Bb.pdf',
      action: 'added',
      token: 'Bb',
      downloadRoute: `/api/drive/bands/${band.bandId}/files/${pushed.fileId}/download`,
    });
    expect(typeof pushed.seq).toBe('number');
    // Every line is "<ISO time> <frame or message>".
    expect(cli.lines.every((l) => !Number.isNaN(Date.parse(l.at)) && l.at.endsWith('Z'))).toBe(true);

    cli.child.kill('SIGINT');
    const exit = await cli.exited;
    expect(exit, `stdout:\n${cli.output()}\nstderr:\n${cli.stderr}`).toEqual({ code: 0, signal: null });
    expect(cli.lines.slice(-2).map((l) => l.text)).toEqual(['interrupted; closing', 'closed (1000)']);
    expect(cli.stderr).toBe('');
    // Closed properly: the server ran $disconnect and told the band its member left.
    await leader.next(
      (f) => f.type === 'presence' && (f.left as string[]).includes(trumpetPlayer.userId),
      10_000,
    );
  }, 180_000);

  it('says a token the platform refuses was not accepted, on stderr, and exits 1', async () => {
    const trumpetPlayer = band.members[0] as SignedIn;
    // A real token with its signature changed: auth's authorizer refuses it at $connect.
    const [header, payload] = trumpetPlayer.accessToken.split('.');
    const forged = `${header}.${payload}.${Buffer.from('not the signature').toString('base64url')}`;
    const cli = startCli(['--token', forged, '--url', platform.urls.ws]);
    const exit = await cli.exited;
    expect(exit, `stdout:\n${cli.output()}\nstderr:\n${cli.stderr}`).toEqual({ code: 1, signal: null });
    expect(cli.stderr).toMatch(/refused: HTTP 401, the token was not accepted .*sign in again \(dev-login\)/);
    expect(cli.frames()).toEqual([]);
  }, 60_000);

  it('prints the usage on stderr and exits 2 without a token', async () => {
    const cli = startCli(['--band', 'b-1']);
    expect(await cli.exited).toEqual({ code: 2, signal: null });
    expect(cli.stderr).toContain('--token is required');
    expect(cli.stderr).toContain('usage: npm run live -- --token <accessToken>');
    expect(cli.lines).toEqual([]);
  });
});
