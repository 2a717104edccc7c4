import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { CreateTableCommand, DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { DynamoDbLocalSupervisor } from '../../../../../infra/local/dynamodb/DynamoDbLocalSupervisor.ts';
import {
  type DynamoDbPidRecord,
  reapOrphanedDynamoDbLocal,
  writeDynamoDbPidFile,
} from '../../../../../infra/local/dynamodb/dynamoDbPidFile.ts';
import { loopbackDynamoDbLocalCommand } from '../../../../../infra/local/dynamodb/loopbackDynamoDbLocalCommand.ts';
import { assertPortFree, findFreePort } from '../../../../../infra/local/net/findFreePort.ts';
import { LOCAL_AWS_CREDENTIALS, LOCAL_AWS_REGION } from '../../../../../infra/local/shared/localNames.ts';
import { repositoryRoot } from '../../../../../shared/platformModel/loadPlatformModel.ts';

const root = mkdtempSync(path.join(tmpdir(), 'soleil-dynamodb-supervision-'));
const cleanups: (() => unknown)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  rmSync(root, { recursive: true, force: true });
});

// Each test starts a JVM or two: seconds each on an idle machine, far more on a loaded one.
const JVM_TEST_TIMEOUT_MS = 120_000;

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Resolves once `pid` has exited (polled: it is not this process's child, so no exit event reaches us). */
const exitOf = async (pid: number, timeoutMs = 10_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid)) {
    if (Date.now() > deadline) throw new Error(`process ${pid} still runs after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

describe('DynamoDbLocalSupervisor', () => {
  it(
    'restarts a killed DynamoDB Local on the same port with the same data, and logs it',
    async () => {
      const pidFile = path.join(root, 'restart', 'dynamodb-local.pid');
      const lines: string[] = [];
      const supervisor = await DynamoDbLocalSupervisor.start({
        dataDir: path.join(root, 'restart', 'dynamodb'),
        pidFile,
        log: (line) => lines.push(line),
      });
      cleanups.push(() => supervisor.stop());
      const client = new DynamoDBClient({
        endpoint: supervisor.endpoint,
        region: LOCAL_AWS_REGION,
        credentials: LOCAL_AWS_CREDENTIALS,
      });
      cleanups.push(() => client.destroy());
      await client.send(
        new CreateTableCommand({
          TableName: 'songs',
          AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
          KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
          BillingMode: 'PAY_PER_REQUEST',
        }),
      );
      await client.send(new PutItemCommand({ TableName: 'songs', Item: { id: { S: 'help' } } }));
      const first = supervisor.pid;
      expect((JSON.parse(readFileSync(pidFile, 'utf8')) as DynamoDbPidRecord).pid).toBe(first);

      process.kill(first, 'SIGKILL');
      await exitOf(first);
      expect(supervisor.state).toBe('restarting');
      await supervisor.whenUp();

      expect(supervisor.state).toBe('up');
      expect(supervisor.restartCount).toBe(1);
      expect(supervisor.pid).not.toBe(first);
      expect((JSON.parse(readFileSync(pidFile, 'utf8')) as DynamoDbPidRecord).pid).toBe(supervisor.pid);
      const item = await client.send(new GetItemCommand({ TableName: 'songs', Key: { id: { S: 'help' } } }));
      expect(item.Item?.id?.S).toBe('help');
      expect(lines.join('\n')).toMatch(
        /exited unexpectedly \(killed by SIGKILL\): restarting it on port \d+ with the same data/,
      );
      expect(lines.join('\n')).toMatch(/DynamoDB Local is back/);
    },
    JVM_TEST_TIMEOUT_MS,
  );

  it(
    'takes a stop while it waits to restart: no JVM is left running',
    async () => {
      const supervisor = await DynamoDbLocalSupervisor.start({
        log: () => undefined,
        restartDelaysMs: [60_000],
      });
      const first = supervisor.pid;
      process.kill(first, 'SIGKILL');
      await exitOf(first);
      await supervisor.stop();
      expect(supervisor.state).toBe('stopped');
      await assertPortFree(supervisor.port, 'the test');
    },
    JVM_TEST_TIMEOUT_MS,
  );
});

describe('a DynamoDB Local whose platform was killed', () => {
  it(
    'dies with the process that started it, even one killed with SIGKILL',
    async () => {
      const child = spawn(
        process.execPath,
        [
          '--import',
          'tsx',
          path.join(repositoryRoot(), 'tests/fixtures/dynamodb/startDynamoDbLocalThenWait.ts'),
        ],
        { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env } },
      );
      cleanups.push(() => child.kill('SIGKILL'));
      const firstLine = await new Promise<string>((resolve, reject) => {
        createInterface({ input: child.stdout }).once('line', resolve);
        child.once('exit', (code) => reject(new Error(`the fixture exited with ${code}`)));
      });
      const jvm = (JSON.parse(firstLine) as { pid: number }).pid;
      expect(isAlive(jvm)).toBe(true);
      child.kill('SIGKILL');
      await exitOf(jvm);
    },
    JVM_TEST_TIMEOUT_MS,
  );

  it('is stopped by the next start through the pid file, which frees its port', async () => {
    const port = await findFreePort();
    const dbPath = path.join(root, 'orphan', 'dynamodb');
    // An orphan as a system without the guard would leave it: a JVM nobody supervises.
    const { command, args, cwd } = loopbackDynamoDbLocalCommand({ port, dbPath });
    const orphan = spawn(command, args, { cwd, stdio: 'ignore', detached: true });
    const pid = orphan.pid ?? 0;
    cleanups.push(() => isAlive(pid) && process.kill(pid, 'SIGKILL'));
    orphan.unref();
    const pidFile = path.join(root, 'orphan', 'dynamodb-local.pid');
    writeDynamoDbPidFile(pidFile, { pid, port, dbPath });

    expect(await reapOrphanedDynamoDbLocal(pidFile)).toBe(pid);
    expect(isAlive(pid)).toBe(false);
    await assertPortFree(port, 'the test');
  });

  it('leaves alone a process that reused the recorded pid', async () => {
    const pidFile = path.join(root, 'reused', 'dynamodb-local.pid');
    writeDynamoDbPidFile(pidFile, { pid: process.pid, port: 8000, dbPath: '/nowhere' });
    expect(await reapOrphanedDynamoDbLocal(pidFile)).toBeUndefined();
    expect(isAlive(process.pid)).toBe(true);
  });
});
