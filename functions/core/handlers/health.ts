import { healthHandler } from '../../../shared/runtime/index.ts';
import { catalogStore } from '../store/catalogStore.ts';

/** Core is healthy when it can read the service catalog: every other answer it gives depends on it. */
export const handler = healthHandler(async () => {
  const modules = await catalogStore().listModules();
  return modules.length > 0
    ? { status: 'ok' }
    : {
        status: 'degraded',
        detail: 'the service catalog is empty: was the platform deployed from its model?',
      };
});
