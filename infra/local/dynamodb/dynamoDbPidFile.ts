import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** What the pid file says of the running DynamoDB Local. */
export interface DynamoDbPidRecord {
  readonly pid: number;
  readonly port: number;
  /** Its database folder (on-disk mode), which tells it apart from any other JVM. */
  readonly dbPath: string | null;
}

/** Name of the pid file in the platform's data dir. */
export const DYNAMODB_PID_FILE = 'dynamodb-local.pid';

/** Records the running JVM, written aside then renamed so a crash never leaves half a file. */
export const writeDynamoDbPidFile = (file: string, record: DynamoDbPidRecord): void => {
  mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.tmp`;
  writeFileSync(temporary, JSON.stringify(record));
  renameSync(temporary, file);
};

export const removeDynamoDbPidFile = (file: string): void => rmSync(file, { force: true });

const readRecord = (file: string): DynamoDbPidRecord | undefined => {
  try {
    const record = JSON.parse(readFileSync(file, 'utf8')) as Partial<DynamoDbPidRecord>;
    return Number.isInteger(record.pid) && (record.pid as number) > 0
      ? (record as DynamoDbPidRecord)
      : undefined;
  } catch {
    return undefined;
  }
};

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: alive, but someone else's (so not ours to stop).
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** The process's command line: /proc on Linux, `ps` elsewhere; empty when it cannot be read. */
const commandLine = (pid: number): string => {
  const proc = `/proc/${pid}/cmdline`;
  if (existsSync(proc)) {
    try {
      return readFileSync(proc, 'utf8').replaceAll('\0', ' ');
    } catch {
      return '';
    }
  }
  const ps = spawnSync('ps', ['-o', 'args=', '-p', String(pid)], { encoding: 'utf8' });
  return ps.status === 0 ? ps.stdout : '';
};

/** Whether `pid` is still the DynamoDB Local the record describes (a pid may have been reused since). */
const isRecordedJvm = (record: DynamoDbPidRecord): boolean => {
  const command = commandLine(record.pid);
  return (
    command.includes('DynamoDBLocal') &&
    command.includes(`-port ${record.port}`) &&
    (record.dbPath === null || command.includes(record.dbPath))
  );
};

const waitForExit = async (pid: number, timeoutMs: number): Promise<boolean> => {
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid)) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return true;
};

/**
 * Stops the DynamoDB Local a previous run left behind — its platform was killed before it could stop it, on
 * a system where the JVM could not be made to die with it — so this start finds its port free. Only a
 * process that still is that JVM (same port and data folder) is stopped: SIGTERM, then SIGKILL after 3 s.
 * Resolves to the pid stopped, or `undefined` when there was nothing to stop.
 */
export const reapOrphanedDynamoDbLocal = async (file: string): Promise<number | undefined> => {
  const record = readRecord(file);
  if (!record || !isAlive(record.pid) || !isRecordedJvm(record)) {
    removeDynamoDbPidFile(file);
    return undefined;
  }
  process.kill(record.pid, 'SIGTERM');
  if (!(await waitForExit(record.pid, 3_000))) {
    process.kill(record.pid, 'SIGKILL');
    if (!(await waitForExit(record.pid, 5_000))) {
      throw new Error(`DynamoDB Local left by a previous run (pid ${record.pid}) would not stop`);
    }
  }
  removeDynamoDbPidFile(file);
  return record.pid;
};
