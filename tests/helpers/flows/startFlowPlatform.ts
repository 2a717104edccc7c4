import { type EmbeddedPlatform, startPlatform } from '../../../infra/local/startPlatform.ts';
import { warmPlatform } from './warmFunctions.ts';

/**
 * The repository's modules on the embedded platform for a flow test (in memory, schedules off, retries on a
 * fast clock), with what its flows touch first already started. `FLOW_TEST_OUTPUT=1` shows the functions' logs.
 */
export const startFlowPlatform = async (): Promise<EmbeddedPlatform> => {
  const platform = await startPlatform({
    ports: { http: 0, ws: 0, aws: 0, dynamodb: 0 },
    dataDir: null,
    schedules: false,
    functionOutput: process.env.FLOW_TEST_OUTPUT ? 'inherit' : 'silent',
    retry: { timeScale: 0.001 },
    log: () => undefined,
  });
  await warmPlatform(platform);
  return platform;
};
