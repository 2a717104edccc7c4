import { scheduleHandler } from '../../../shared/runtime/index.ts';
import { reconcileDueBands } from '../useCases/reconcileDueBands.ts';
import { contentDependencies } from '../wiring/contentDependencies.ts';

/** Every 15 minutes: the bands whose catalogue waited longest are compared with drive's library and repaired. */
export const handler = scheduleHandler(async ({ logger }) => {
  const report = await reconcileDueBands(contentDependencies(), (bandId, error) =>
    logger.error('band not reconciled', { bandId, error }),
  );
  if (report.bands > 0) logger.info('libraries reconciled', { ...report });
  return report;
});
