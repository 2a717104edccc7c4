import { scheduleHandler } from '../../../shared/runtime/index.ts';
import { pollLibraries } from '../useCases/pollLibraries.ts';
import { driveDependencies } from '../wiring/driveDependencies.ts';

/**
 * Every 15 minutes, the polling fallback: reads Google Drive's changes feed (what no notification brought),
 * then reconciles the libraries nothing refreshed lately.
 */
export const handler = scheduleHandler(async ({ logger }) => {
  const deps = driveDependencies();
  const report = await pollLibraries(
    deps,
    deps.changes === null ? null : { changes: deps.changes, feed: deps.feed },
  );
  if (report.synced + report.failed > 0 || report.feed !== 'incremental')
    logger.info('Libraries polled', { ...report });
  return report;
});
