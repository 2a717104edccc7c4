import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { findFreePort } from '../../infra/local/net/findFreePort.ts';
import { repositoryRoot } from '../../shared/platformModel/loadPlatformModel.ts';

/** The ports `npm start` is told to use, one `SOLEIL_*_PORT` each. */
export interface PlatformPorts {
  readonly http: number;
  readonly ws: number;
  readonly aws: number;
  readonly dynamodb: number;
}

/** Four free ports on the loopback interface. */
export const freePlatformPorts = async (): Promise<PlatformPorts> => ({
  http: await findFreePort(),
  ws: await findFreePort(),
  aws: await findFreePort(),
  dynamodb: await findFreePort(),
});

/** `npm start` as a child process: what a developer runs, and what a test can `kill -9`. */
export interface PlatformProcess {
  readonly child: ChildProcess;
  readonly urls: { readonly http: string; readonly aws: string; readonly dynamodb: string };
  /** The platform's own lines so far, and the functions' error logs (their other JSON logs left out). */
  readonly lines: readonly string[];
  /** Resolves with the first line (past or future) matching `pattern`; rejects on exit or after `timeoutMs`. */
  waitForLine(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** Resolves when the process has exited. */
  readonly exited: Promise<number | null>;
}

/**
 * Starts `infra/local/main.ts` (as `npm start` does, in one process: `node --import tsx`, so a signal
 * reaches the platform itself rather than a wrapper) with the given ports, data dir and extra environment,
 * and resolves once it printed that it is running.
 */
export const startPlatformProcess = async (options: {
  readonly ports: PlatformPorts;
  readonly dataDir: string;
  readonly env?: Readonly<Record<string, string>>;
  readonly readyTimeoutMs?: number;
}): Promise<PlatformProcess> => {
  const { ports } = options;
  const child = spawn(process.execPath, ['--import', 'tsx', 'infra/local/main.ts'], {
    cwd: repositoryRoot(),
    env: {
      ...process.env,
      SOLEIL_HTTP_PORT: String(ports.http),
      SOLEIL_WS_PORT: String(ports.ws),
      SOLEIL_AWS_PORT: String(ports.aws),
      SOLEIL_DYNAMODB_PORT: String(ports.dynamodb),
      SOLEIL_DATA_DIR: options.dataDir,
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const listeners = new Set<(line: string) => void>();
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  for (const stream of [child.stdout, child.stderr]) {
    if (!stream) continue;
    createInterface({ input: stream }).on('line', (line) => {
      // Functions log JSON (Powertools): only their errors are kept.
      if (line.startsWith('{') && !line.includes('"level":"ERROR"')) return;
      lines.push(line);
      for (const listener of listeners) listener(line);
    });
  }
  const waitForLine = (pattern: RegExp, timeoutMs = 60_000): Promise<string> => {
    const seen = lines.find((line) => pattern.test(line));
    if (seen !== undefined) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const done = (): void => {
        clearTimeout(timer);
        listeners.delete(listener);
      };
      const listener = (line: string): void => {
        if (!pattern.test(line)) return;
        done();
        resolve(line);
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`No line matching ${pattern} within ${timeoutMs} ms; lines:\n${lines.join('\n')}`));
      }, timeoutMs);
      listeners.add(listener);
      void exited.then((code) => {
        done();
        reject(
          new Error(`The platform exited (${code}) before printing ${pattern}; lines:\n${lines.join('\n')}`),
        );
      });
    });
  };
  const platform: PlatformProcess = {
    child,
    urls: {
      http: `http://127.0.0.1:${ports.http}`,
      aws: `http://127.0.0.1:${ports.aws}`,
      dynamodb: `http://127.0.0.1:${ports.dynamodb}`,
    },
    lines,
    waitForLine,
    exited,
  };
  await waitForLine(/SOLEil is running/, options.readyTimeoutMs ?? 120_000);
  return platform;
};
