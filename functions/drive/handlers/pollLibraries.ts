import { scheduleHandler } from '../../../shared/runtime/index.ts';
import { pollLibraries } from '../useCases/pollLibraries.ts';
import { driveDependencies } from '../wiring/driveDependencies.ts';

/** Every 15 minutes: reconciles the libraries no notification refreshed lately (the polling fallback). */
export const handler = scheduleHandler(async ({ logger }) => {
  const report = await pollLibraries(driveDependencies());
  if (report.synced + report.failed > 0) logger.info('Libraries polled', { ...report });
  return report;
});
