import type { EmbeddedPlatform } from '../../../infra/local/startPlatform.ts';

/**
 * Starts auth's authorizer before anything else runs: its first start compiles the module in a worker thread,
 * which on a loaded shared machine — with every module's subscribers starting at the first sign-ins — has
 * outlasted Lambda's 10 s init limit (a gateway 500 on every authorized route). Alone it starts in time;
 * a tokenless call is refused as soon as the module is loaded.
 */
export const warmAuthorizer = async (platform: EmbeddedPlatform, attempts = 5): Promise<void> => {
  const authorizer = platform.model.authorizer?.functionId;
  if (!authorizer) return;
  for (let i = 1; ; i++) {
    const outcome = await platform.invoke(authorizer, { type: 'REQUEST', headers: {} });
    const initFailed =
      !outcome.ok && /ImportModuleError|Init/.test(`${outcome.errorType} ${outcome.errorMessage}`);
    if (!initFailed) return;
    if (i >= attempts)
      throw new Error(`auth's authorizer did not start after ${i} tries: ${outcome.errorMessage}`);
  }
};
