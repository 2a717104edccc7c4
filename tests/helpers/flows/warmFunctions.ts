import type { EmbeddedPlatform } from '../../../infra/local/startPlatform.ts';

const initFailed = (outcome: { ok: boolean; errorType?: string; errorMessage?: string }): boolean =>
  !outcome.ok && /ImportModuleError|Init timed out/.test(`${outcome.errorType} ${outcome.errorMessage}`);

/**
 * Starts functions before a test's flows run, one at a time, so a flow's timings and outcomes are not its
 * cold starts': a dozen starting at once — every subscriber of a first sign-in — outlasted Lambda's 10 s init
 * limit on a loaded machine before functions ran from bundles, and still cost a loaded machine seconds. An empty event is
 * refused by each kit as soon as the module is loaded; only a failed init is tried again.
 */
export const warmFunctions = async (
  platform: EmbeddedPlatform,
  functionIds: readonly string[],
): Promise<void> => {
  const warm = async (id: string): Promise<void> => {
    for (let attempt = 1; ; attempt++) {
      const outcome = await platform.invoke(id, {});
      if (!initFailed(outcome)) return;
      if (attempt >= 8) throw new Error(`${id} did not start after ${attempt} tries`);
    }
  };
  const queue = [...functionIds];
  await Promise.all(
    [0].map(async () => {
      for (let id = queue.shift(); id !== undefined; id = queue.shift()) await warm(id);
    }),
  );
};

/**
 * What the flow tests run first: the edge and the band fixture's routes, the login reactions, every service
 * (dashboard calls content, which calls auth), and core's trace (observer, route). Other subscribers start when their flow needs them.
 */
export const warmPlatform = async (platform: EmbeddedPlatform): Promise<void> => {
  const { model } = platform;
  const routes = [
    'POST /api/auth/dev-login',
    'POST /api/auth/bands',
    'POST /api/auth/bands/{bandId}/invitations',
    'GET /api/system/flows/{correlationId}',
  ];
  const ids = new Set<string>([
    ...(model.authorizer ? [model.authorizer.functionId] : []),
    ...model.routes.filter((r) => routes.includes(`${r.method} ${r.path}`)).map((r) => r.functionId),
    ...model.rules
      .filter(
        (r) =>
          r.observesAllEvents ||
          r.events.includes('auth.user_logged_in') ||
          r.events.includes('auth.band_created'),
      )
      .map((r) => r.functionId),
    ...model.services.map((s) => s.functionId),
    ...model.functions.filter((f) => f.roles.includes('folderTrigger')).map((f) => f.id),
  ]);
  await warmFunctions(platform, [...ids]);
};
