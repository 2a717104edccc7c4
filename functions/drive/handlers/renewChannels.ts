import { scheduleHandler } from '../../../shared/runtime/schedule/scheduleHandler.ts';
import { renewChannels } from '../useCases/renewChannels.ts';
import { changeFeedDependencies } from '../wiring/changeFeedDependencies.ts';

/**
 * Every hour: keeps a live push channel on Google Drive's changes feed (opens a new one before the current
 * one expires, then stops the old). Nothing to do without a webhook URL (polling only) or with the folder
 * provider.
 */
export const handler = scheduleHandler(async ({ logger }) => {
  const deps = changeFeedDependencies();
  const address = deps.config.webhookUrl;
  if (deps.google === null || address === undefined) return { skipped: 'no push channel configured' };
  const report = await renewChannels({ ...deps, changes: deps.google }, address);
  if (report.opened !== null || report.stopped + report.stopFailed > 0)
    logger.info('Channels renewed', { ...report });
  return report;
});
