import { parseArgs } from 'node:util';

/** `npm start`'s WebSocket API; `--url` points the client at another one. */
export const DEFAULT_LIVE_URL = 'ws://127.0.0.1:3001';

export const LIVE_USAGE = `usage: npm run live -- --token <accessToken> [--band <bandId>]... [--url <ws url>]
Subscribes to the bands (default: every band the token lists) on the live channel and prints each frame as one
line, "<time> <frame as JSON>", as it arrives. After a drop it reconnects and resumes each band from the last
sequence number it printed. Ctrl-C closes the connection and exits.
--url defaults to ${DEFAULT_LIVE_URL} (npm start's WebSocket API).
`;

/** What the client runs with, read from its arguments. */
export interface LiveOptions {
  readonly token: string;
  /** Empty when neither `--band` nor the token names a band: the client then only prints state messages. */
  readonly bands: readonly string[];
  readonly url: string;
}

/** The arguments read: options to run with, or what to print and the exit code (usage, `--help`). */
export type LiveArgs =
  | { readonly run: LiveOptions }
  | { readonly stdout: string; readonly stderr: string; readonly exitCode: number };

/** The bands the token lists (its payload, read without verifying it: the server verifies it). */
export const bandsOfToken = (jwt: string): string[] => {
  try {
    const payload = JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as {
      memberships?: { bandId?: unknown }[];
    };
    return (payload.memberships ?? []).flatMap((m) => (typeof m.bandId === 'string' ? [m.bandId] : []));
  } catch {
    return [];
  }
};

const usageError = (reason: string): LiveArgs => ({
  stdout: '',
  stderr: `${reason}\n${LIVE_USAGE}`,
  exitCode: 2,
});

/** `npm run live`'s arguments (without node's and the script's). Nothing here touches the process. */
export const parseLiveArgs = (args: readonly string[]): LiveArgs => {
  let values: { token?: string; band?: string[]; url?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: {
        token: { type: 'string' },
        band: { type: 'string', multiple: true },
        url: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    return usageError(error instanceof Error ? error.message : String(error));
  }
  if (values.help) return { stdout: LIVE_USAGE, stderr: '', exitCode: 0 };
  if (!values.token) return usageError('--token is required (the accessToken of a sign-in)');
  const url = (values.url ?? DEFAULT_LIVE_URL).replace(/\/+$/, '');
  if (!/^wss?:\/\/[^/?#]+/.test(url)) return usageError(`--url must be a ws:// or wss:// URL, not "${url}"`);
  const bands = values.band?.filter((b) => b !== '') ?? [];
  return {
    run: { token: values.token, bands: bands.length > 0 ? bands : bandsOfToken(values.token), url },
  };
};

/** The WebSocket URL the client connects to: the API's with the token in the query string, as `$connect` reads it. */
export const connectUrl = (options: LiveOptions): string =>
  `${options.url}/?token=${encodeURIComponent(options.token)}`;

/** One printed line: the time it was printed, then the frame (or the client's own message). */
export const printedLine = (at: Date, line: unknown): string =>
  `${at.toISOString()} ${typeof line === 'string' ? line : JSON.stringify(line)}\n`;

/**
 * Why a handshake was refused, for the person at the terminal, and whether trying again can help: 401/403 are the
 * token's (missing, expired, not one of this platform's), anything else the platform's (a cold start timing out).
 */
export const refusal = (status: number | undefined): { readonly message: string; readonly retry: boolean } =>
  status === 401 || status === 403
    ? {
        message: `refused: HTTP ${status}, the token was not accepted (expired, or not this platform's): sign in again (dev-login) and pass its accessToken`,
        retry: false,
      }
    : { message: `refused: HTTP ${status ?? '?'}; trying again`, retry: true };

/**
 * The state of one terminal session across reconnects: the last sequence number seen per band, so that a new
 * connection resumes where the previous one stopped instead of subscribing afresh.
 */
export class LiveSession {
  private readonly lastSeq = new Map<string, number>();

  constructor(readonly options: LiveOptions) {}

  /** What to send once a connection is open: `subscribe` to a band never seen, `resume` after its last `seq`. */
  openingFrames(): string[] {
    return this.options.bands.map((bandId) => {
      const seen = this.lastSeq.get(bandId);
      return JSON.stringify(
        seen === undefined ? { action: 'subscribe', bandId } : { action: 'resume', bandId, afterSeq: seen },
      );
    });
  }

  /** The line announcing an open connection. */
  connectedLine(): string {
    const bands = this.options.bands.join(', ') || '(none in the token: pass --band)';
    return `connected to ${this.options.url}; bands: ${bands}`;
  }

  /**
   * A frame received: remembers its band's sequence number (a band message's `seq`, or the `lastSeq` of
   * `subscribed` and `resumed`, after which nothing older concerns this member) and answers what to print — the frame parsed, or its text when it is not JSON.
   */
  received(text: string): unknown {
    let frame: unknown;
    try {
      frame = JSON.parse(text);
    } catch {
      return text;
    }
    if (typeof frame !== 'object' || frame === null) return frame;
    const { type, bandId, seq, lastSeq } = frame as Record<string, unknown>;
    if (typeof bandId === 'string') {
      const number =
        typeof seq === 'number' ? seq : type === 'subscribed' || type === 'resumed' ? lastSeq : undefined;
      if (typeof number === 'number')
        this.lastSeq.set(bandId, Math.max(number, this.lastSeq.get(bandId) ?? number));
    }
    return frame;
  }
}
