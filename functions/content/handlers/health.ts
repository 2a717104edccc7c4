import { healthHandler } from '../../../shared/runtime/index.ts';
import { contentDependencies } from '../wiring/contentDependencies.ts';

/** Content is up when its member table answers. */
export const handler = healthHandler(async () => {
  await contentDependencies().members.member('health', 'health');
  return { status: 'ok' };
});
