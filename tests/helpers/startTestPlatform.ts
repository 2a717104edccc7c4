import path from 'node:path';
import {
  type EmbeddedPlatform,
  type StartPlatformOptions,
  startPlatform,
} from '../../infra/local/startPlatform.ts';
import { repositoryRoot } from '../../shared/platformModel/loadPlatformModel.ts';

/** The fixture modules of the embedded platform's integration tests. */
export const LOCAL_FIXTURE_FUNCTIONS = path.join(repositoryRoot(), 'tests/fixtures/modules-local/functions');

/**
 * Starts the embedded platform for an integration test: in memory, every port free, retries on a fast
 * clock (a minute of EventBridge time lasts 60 ms), schedules off (tests trigger them), functions quiet.
 * Call `stop()` in `afterAll`; one platform per test file (each costs a DynamoDB Local JVM).
 *
 * @example
 * const platform = await startTestPlatform();
 * afterAll(() => platform.stop());
 */
export const startTestPlatform = (options: StartPlatformOptions = {}): Promise<EmbeddedPlatform> =>
  startPlatform({
    functionsDir: LOCAL_FIXTURE_FUNCTIONS,
    ports: { http: 0, ws: 0, aws: 0, dynamodb: 0 },
    dataDir: null,
    retry: { timeScale: 0.001 },
    schedules: false,
    functionOutput: 'silent',
    log: () => undefined,
    ...options,
  });
