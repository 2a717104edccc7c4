import { describe, expect, it } from 'vitest';
import {
  bandsOfToken,
  connectUrl,
  DEFAULT_LIVE_URL,
  LIVE_USAGE,
  type LiveOptions,
  LiveSession,
  parseLiveArgs,
  printedLine,
  refusal,
} from '../../../../../functions/sync/cli/liveCommand.ts';

/** A token shaped as auth's (header.payload.signature); the client reads the payload and never verifies it. */
const tokenListing = (payload: unknown): string =>
  ['eyJhbGciOiJFUzI1NiJ9', Buffer.from(JSON.stringify(payload)).toString('base64url'), 'c2ln'].join('.');
const twoBands = tokenListing({
  sub: 'u-1',
  memberships: [
    { bandId: 'band-a', role: 'leader' },
    { bandId: 'band-b', role: 'member' },
  ],
});
const options = (parsed: ReturnType<typeof parseLiveArgs>): LiveOptions => {
  if (!('run' in parsed)) throw new Error(`expected options, got ${JSON.stringify(parsed)}`);
  return parsed.run;
};

describe('parseLiveArgs', () => {
  it('subscribes to every band the token lists, on npm start’s WebSocket API, without --band and --url', () => {
    expect(options(parseLiveArgs(['--token', twoBands]))).toEqual({
      token: twoBands,
      bands: ['band-a', 'band-b'],
      url: DEFAULT_LIVE_URL,
    });
  });

  it('takes the bands named with --band (repeatable) instead of the token’s, and another API’s URL', () => {
    const run = options(
      parseLiveArgs([
        '--token',
        twoBands,
        '--band',
        'band-b',
        '--band',
        'band-c',
        '--url',
        'ws://127.0.0.1:4567/',
      ]),
    );
    expect(run.bands).toEqual(['band-b', 'band-c']);
    expect(run.url).toBe('ws://127.0.0.1:4567');
  });

  it('answers the usage on stderr with exit code 2 without a token, with an unknown option or a non-ws URL', () => {
    for (const args of [
      [],
      ['--band', 'band-a'],
      ['--token', 't', '--tokn', 'x'],
      ['--token', 't', '--url', 'http://x'],
    ]) {
      const outcome = parseLiveArgs(args);
      expect(outcome).toMatchObject({ stdout: '', exitCode: 2 });
      expect((outcome as { stderr: string }).stderr).toContain(LIVE_USAGE);
    }
    expect((parseLiveArgs(['--band', 'x']) as { stderr: string }).stderr).toMatch(/^--token is required/);
    expect((parseLiveArgs(['--token', 't', '--url', 'http://x']) as { stderr: string }).stderr).toMatch(
      /^--url must be a ws:\/\/ or wss:\/\/ URL/,
    );
  });

  it('prints the usage on stdout with exit code 0 for --help', () => {
    expect(parseLiveArgs(['--help'])).toEqual({ stdout: LIVE_USAGE, stderr: '', exitCode: 0 });
    expect(parseLiveArgs(['-h', '--token', 't'])).toEqual({ stdout: LIVE_USAGE, stderr: '', exitCode: 0 });
  });
});

describe('bandsOfToken', () => {
  it('reads no band from a token that is not a JWT, or whose payload names none', () => {
    expect(bandsOfToken('not-a-token')).toEqual([]);
    expect(bandsOfToken('a.%%%.c')).toEqual([]);
    expect(bandsOfToken(tokenListing({ sub: 'u-1' }))).toEqual([]);
    expect(bandsOfToken(tokenListing({ memberships: [{ bandId: 7 }, { bandId: 'band-z' }] }))).toEqual([
      'band-z',
    ]);
  });
});

describe('connectUrl, printedLine and refusal', () => {
  it('puts the token in the query string, encoded, as $connect reads it', () => {
    expect(connectUrl({ token: 'a+b/c=', bands: [], url: 'ws://127.0.0.1:3001' })).toBe(
      'ws://127.0.0.1:3001/?token=a%2Bb%2Fc%3D',
    );
  });

  it('prints one line per frame: the time, then the frame as JSON (or the text as it is)', () => {
    const at = new Date('2026-12-01T10:00:00.000Z');
    expect(printedLine(at, { type: 'pong', id: 'p1' })).toBe(
      '2026-12-01T10:00:00.000Z {"type":"pong","id":"p1"}\n',
    );
    expect(printedLine(at, 'closed (1000)')).toBe('2026-12-01T10:00:00.000Z closed (1000)\n');
  });

  it('gives up on a token the platform refuses (401/403) and tries again after any other refusal', () => {
    expect(refusal(401)).toMatchObject({ retry: false, message: expect.stringMatching(/HTTP 401.*token/) });
    expect(refusal(403).retry).toBe(false);
    expect(refusal(500)).toEqual({ message: 'refused: HTTP 500; trying again', retry: true });
  });
});

describe('LiveSession', () => {
  const session = () => new LiveSession({ token: 't', bands: ['band-a', 'band-b'], url: DEFAULT_LIVE_URL });

  it('subscribes to each band on its first connection', () => {
    expect(
      session()
        .openingFrames()
        .map((f) => JSON.parse(f)),
    ).toEqual([
      { action: 'subscribe', bandId: 'band-a' },
      { action: 'subscribe', bandId: 'band-b' },
    ]);
  });

  it('resumes a band after a reconnect from the highest sequence number it received for it', () => {
    const live = session();
    live.received(
      JSON.stringify({ type: 'subscribed', bandId: 'band-a', lastSeq: 4, role: 'member', online: [] }),
    );
    live.received(JSON.stringify({ type: 'file_updated', bandId: 'band-a', seq: 7 }));
    // A live message may overtake a replayed one: the lower number arriving later does not move it back.
    live.received(JSON.stringify({ type: 'file_updated', bandId: 'band-a', seq: 6 }));
    live.received(JSON.stringify({ type: 'presence', bandId: 'band-b', online: [], joined: [], left: [] }));
    expect(live.openingFrames().map((f) => JSON.parse(f))).toEqual([
      { action: 'resume', bandId: 'band-a', afterSeq: 7 },
      { action: 'subscribe', bandId: 'band-b' },
    ]);
    live.received(
      JSON.stringify({ type: 'resumed', bandId: 'band-a', afterSeq: 7, lastSeq: 9, replayed: 1 }),
    );
    expect(JSON.parse(live.openingFrames()[0] ?? '')).toEqual({
      action: 'resume',
      bandId: 'band-a',
      afterSeq: 9,
    });
  });

  it('answers the frame to print, or the text when it is not JSON', () => {
    const live = session();
    expect(live.received('{"type":"pong","id":"x"}')).toEqual({ type: 'pong', id: 'x' });
    expect(live.received('not json')).toBe('not json');
    expect(live.received('null')).toBeNull();
  });

  it('announces the connection with its bands, or says to pass --band when there are none', () => {
    expect(session().connectedLine()).toBe(`connected to ${DEFAULT_LIVE_URL}; bands: band-a, band-b`);
    expect(new LiveSession({ token: 't', bands: [], url: 'ws://h:1' }).connectedLine()).toBe(
      'connected to ws://h:1; bands: (none in the token: pass --band)',
    );
  });
});
