import path from 'node:path';
import { LOCAL_PLATFORM_ENV } from '../../shared/contracts/platformEnvironment.ts';
import { DEFAULT_AWS_PORT } from './aws/LocalAwsEndpoint.ts';
import { DEFAULT_ARCHIVE_RETENTION_DAYS } from './events/EventArchive.ts';

/** Ports and data folder of `npm start`, with the variable that sets each (named in "port in use" errors). */
export interface LocalSettings {
  readonly ports: {
    readonly http: number;
    readonly ws: number;
    readonly aws: number;
    readonly dynamodb: number;
  };
  readonly dataDir: string;
  /** Days the event archive keeps events for replay. */
  readonly archiveRetentionDays: number;
  /** Folder of the modules to run, when not the repository's `functions/`. */
  readonly functionsDir?: string;
}

export const SETTING_VARIABLES = {
  http: LOCAL_PLATFORM_ENV.httpPort,
  ws: LOCAL_PLATFORM_ENV.webSocketPort,
  aws: LOCAL_PLATFORM_ENV.awsPort,
  dynamodb: LOCAL_PLATFORM_ENV.dynamoDbPort,
  dataDir: LOCAL_PLATFORM_ENV.dataDir,
  archiveRetentionDays: LOCAL_PLATFORM_ENV.archiveRetentionDays,
  functionsDir: LOCAL_PLATFORM_ENV.functionsDir,
} as const;

/** Thrown when a setting's variable holds something unusable; the message names the variable. */
export class InvalidLocalSettingError extends Error {
  override readonly name = 'InvalidLocalSettingError';
}

const port = (env: NodeJS.ProcessEnv, variable: string, fallback: number): number => {
  const raw = env[variable];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65_535) {
    throw new InvalidLocalSettingError(
      `${variable}=${raw} is not a port: use a number from 1 to 65535 (0 = any free port).`,
    );
  }
  return value;
};

const positiveNumber = (env: NodeJS.ProcessEnv, variable: string, fallback: number): number => {
  const raw = env[variable];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) {
    throw new InvalidLocalSettingError(
      `${variable}=${raw} is not a positive number of days (e.g. 7 or 0.5).`,
    );
  }
  return value;
};

/**
 * Reads the settings from the environment; defaults 3000, 3001, 4010, 8000, `.soleil/` under `cwd`, an
 * archive kept 7 days and the repository's modules.
 */
export const readLocalSettings = (
  env: NodeJS.ProcessEnv = process.env,
  cwd = process.cwd(),
): LocalSettings => {
  const functionsDir = env[SETTING_VARIABLES.functionsDir];
  return {
    ports: {
      http: port(env, SETTING_VARIABLES.http, 3000),
      ws: port(env, SETTING_VARIABLES.ws, 3001),
      aws: port(env, SETTING_VARIABLES.aws, DEFAULT_AWS_PORT),
      dynamodb: port(env, SETTING_VARIABLES.dynamodb, 8000),
    },
    dataDir: path.resolve(cwd, env[SETTING_VARIABLES.dataDir] || '.soleil'),
    archiveRetentionDays: positiveNumber(
      env,
      SETTING_VARIABLES.archiveRetentionDays,
      DEFAULT_ARCHIVE_RETENTION_DAYS,
    ),
    ...(functionsDir ? { functionsDir: path.resolve(cwd, functionsDir) } : {}),
  };
};
