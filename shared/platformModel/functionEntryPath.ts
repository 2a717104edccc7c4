import path from 'node:path';
import type { FunctionModel } from './PlatformModel.ts';

/**
 * The absolute source file of a function: a module's handler under `sourceRoot` (the folder holding the
 * model's `functions/`), a kit function under the repository root. The CDK app, the embedded platform and
 * the bundle report all resolve entries here, so a kit function runs wherever the modules come from.
 */
export const functionEntryPath = (fn: FunctionModel, sourceRoot: string, repositoryRoot: string): string =>
  path.join(fn.kit ? repositoryRoot : sourceRoot, fn.entry);
