import { parseArgs } from 'node:util';
import { WebSocket } from 'ws';

/**
 * `npm run live -- --token <accessToken> [--band <bandId>] [--url ws://127.0.0.1:3001]`: a terminal client of
 * the live channel. It subscribes to the band (or to every band the token lists), prints each frame as one
 * line as it arrives, keeps the connection alive with pings, and after a drop reconnects and resumes each band
 * from the last sequence number it printed. Development tool: never bundled into a function.
 */
const { values } = parseArgs({
  options: {
    token: { type: 'string' },
    band: { type: 'string', multiple: true },
    url: { type: 'string' },
  },
});

if (!values.token) {
  process.stderr.write('usage: npm run live -- --token <accessToken> [--band <bandId>] [--url <ws url>]\n');
  process.exit(2);
}
const token = values.token;
/** `npm start`'s WebSocket API; pass `--url` when it runs on another port. */
const url = values.url ?? 'ws://127.0.0.1:3001';

/** The bands the token lists (its payload, read without verifying: the server verifies it). */
const bandsOfToken = (jwt: string): string[] => {
  try {
    const payload = JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as {
      memberships?: { bandId: string }[];
    };
    return (payload.memberships ?? []).map((m) => m.bandId);
  } catch {
    return [];
  }
};

const bands = values.band && values.band.length > 0 ? values.band : bandsOfToken(token);
const lastSeq = new Map<string, number>();
const PING_EVERY_MS = 5 * 60 * 1000;
let retryMs = 500;

const print = (line: unknown): void => {
  process.stdout.write(
    `${new Date().toISOString()} ${typeof line === 'string' ? line : JSON.stringify(line)}\n`,
  );
};

const connect = (): void => {
  const ws = new WebSocket(`${url}/?token=${encodeURIComponent(token)}`);
  let pinger: NodeJS.Timeout | undefined;
  ws.on('open', () => {
    retryMs = 500;
    print(`connected to ${url}; bands: ${bands.join(', ') || '(none in the token: pass --band)'}`);
    for (const bandId of bands) {
      const seen = lastSeq.get(bandId);
      ws.send(
        JSON.stringify(
          seen === undefined ? { action: 'subscribe', bandId } : { action: 'resume', bandId, afterSeq: seen },
        ),
      );
    }
    pinger = setInterval(() => ws.send(JSON.stringify({ action: 'ping' })), PING_EVERY_MS);
  });
  ws.on('message', (data) => {
    const text = data.toString();
    try {
      const frame = JSON.parse(text) as { type?: string; bandId?: string; seq?: number; lastSeq?: number };
      if (typeof frame.bandId === 'string') {
        const seq =
          typeof frame.seq === 'number' ? frame.seq : frame.type === 'subscribed' ? frame.lastSeq : undefined;
        if (typeof seq === 'number') lastSeq.set(frame.bandId, Math.max(seq, lastSeq.get(frame.bandId) ?? 0));
      }
      print(frame);
    } catch {
      print(text);
    }
  });
  ws.on('unexpected-response', (_request, response) => {
    print(`refused: HTTP ${response.statusCode} (is the token valid and unexpired?)`);
    process.exit(1);
  });
  ws.on('error', (error) => print(`error: ${error.message}`));
  ws.on('close', (code) => {
    clearInterval(pinger);
    print(`closed (${code}); reconnecting in ${retryMs} ms`);
    setTimeout(connect, retryMs);
    retryMs = Math.min(retryMs * 2, 30_000);
  });
};

connect();
