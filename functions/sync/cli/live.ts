import { WebSocket } from 'ws';
import { connectUrl, LiveSession, parseLiveArgs, printedLine, refusal } from './liveCommand.ts';

// `npm run live -- --token <accessToken> [--band <bandId>] [--url ws://127.0.0.1:3001]`: a terminal client of
// the live channel (what it reads and prints is `liveCommand.ts`; this file is its sockets, timers and signals).
// A development tool run with tsx: no handler imports it, so no Lambda bundle contains it.

// API Gateway closes a connection idle for 10 minutes.
const PING_EVERY_MS = 5 * 60 * 1000;

const run = (session: LiveSession): void => {
  let retryMs = 500;
  let socket: WebSocket | undefined;
  let reconnect: NodeJS.Timeout | undefined;
  let stopping = false;

  const print = (line: unknown): void => {
    process.stdout.write(printedLine(new Date(), line));
  };

  const connect = (): void => {
    reconnect = undefined;
    const ws = new WebSocket(connectUrl(session.options));
    socket = ws;
    let pinger: NodeJS.Timeout | undefined;
    ws.on('open', () => {
      retryMs = 500;
      print(session.connectedLine());
      for (const frame of session.openingFrames()) ws.send(frame);
      pinger = setInterval(() => ws.send(JSON.stringify({ action: 'ping' })), PING_EVERY_MS);
    });
    ws.on('message', (data) => print(session.received(data.toString())));
    ws.on('unexpected-response', (_request, response) => {
      const { message, retry } = refusal(response.statusCode);
      if (!retry) {
        process.stderr.write(printedLine(new Date(), message));
        stopping = true;
        process.exitCode = 1;
      } else print(message);
      // Ends the handshake ('error', then 'close', which schedules the next attempt).
      ws.terminate();
    });
    // Once stopping, the error is the handshake or close this client ended itself.
    ws.on('error', (error) => {
      if (!stopping) print(`error: ${error.message}`);
    });
    ws.on('close', (code) => {
      clearInterval(pinger);
      if (stopping) {
        print(`closed (${code})`);
        return;
      }
      print(`closed (${code}); reconnecting in ${retryMs} ms`);
      reconnect = setTimeout(connect, retryMs);
      retryMs = Math.min(retryMs * 2, 30_000);
    });
  };

  // Ctrl-C: close the connection properly (the server's $disconnect runs now, not at its idle timeout), then
  // let the process end on its own with code 0; a close that does not come within 2 s is cut. Under `npm run`
  // one Ctrl-C arrives more than once (the terminal signals the whole process group and npm forwards it too),
  // so later ones change nothing.
  process.on('SIGINT', () => {
    if (stopping) return;
    stopping = true;
    clearTimeout(reconnect);
    print('interrupted; closing');
    if (socket && socket.readyState !== WebSocket.CLOSED) {
      socket.close(1000);
      setTimeout(() => socket?.terminate(), 2_000).unref();
    }
  });

  connect();
};

const parsed = parseLiveArgs(process.argv.slice(2));
if ('run' in parsed) run(new LiveSession(parsed.run));
else {
  process.stdout.write(parsed.stdout);
  process.stderr.write(parsed.stderr);
  process.exitCode = parsed.exitCode;
}
