import { healthHandler } from '../../../shared/runtime/index.ts';
import { syncDependencies } from '../wiring/syncDependencies.ts';

/** Sync is healthy when it can read its state: connections, logs and health all live in its tables. */
export const handler = healthHandler(async () => {
  const down = await syncDependencies().state.downModules();
  return down.length === 0
    ? { status: 'ok' }
    : { status: 'degraded', detail: `live updates depend on modules reported down: ${down.join(', ')}` };
});
