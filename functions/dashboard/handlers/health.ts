import { healthHandler } from '../../../shared/runtime/index.ts';
import { dashboardDependencies } from '../wiring/dashboardDependencies.ts';

/** Healthy when its table answers; content being down only makes dashboards stale, not the module down. */
export const handler = healthHandler(async () => {
  await dashboardDependencies().dashboards.get('health', 'health');
  return { status: 'ok' };
});
