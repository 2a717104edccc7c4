import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * tsx's API for a plain-Node worker thread that registers tsx's ESM hooks itself before importing TypeScript
 * (as the embedded platform's function containers do): `import(TSX_API_URL).then((tsx) => tsx.register())`.
 */
export const TSX_API_URL = pathToFileURL(
  path.join(
    path.dirname(createRequire(import.meta.url).resolve('tsx/package.json')),
    'dist/esm/api/index.mjs',
  ),
).href;
