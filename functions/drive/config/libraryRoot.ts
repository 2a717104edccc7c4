import path from 'node:path';
import { runtimeConfig } from '../../../shared/runtime/runtimeConfig.ts';

/** The variable that moves the embedded platform's band libraries elsewhere than the data folder. */
export const LIBRARY_DIR_ENV = 'SOLEIL_LIBRARY_DIR';

/**
 * Where the embedded platform's band libraries live: `$SOLEIL_LIBRARY_DIR`, or `<dataDir>/library` (band
 * `b`'s library is the folder `b/` in it). The data folder is the embedded platform's to decide, so the
 * wiring passes it in.
 *
 * @example libraryRootDir(process.env, '/home/ana/soleil/.soleil'); // '/home/ana/soleil/.soleil/library'
 */
export const libraryRootDir = (env: NodeJS.ProcessEnv, dataDir: string): string => {
  const configured = runtimeConfig.optionalSetting(LIBRARY_DIR_ENV, env);
  return path.resolve(configured ? configured : path.join(dataDir, 'library'));
};
