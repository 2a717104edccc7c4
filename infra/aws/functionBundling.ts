import { type BundlingOptions, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';

/** esbuild target matching the Lambda runtime the stack deploys (see platformFunctionDefaults). */
export const BUNDLE_TARGET = 'node24';

/**
 * The SDK v3 is part of the Lambda Node.js runtime: leaving it out keeps each bundle small and cold starts short.
 * Everything else (zod, middy, Powertools, jose) is bundled.
 */
export const BUNDLE_EXTERNALS = ['@aws-sdk/*'];

/** ESM bundles still meet CommonJS dependencies that call `require`; this gives them one. */
export const ESM_REQUIRE_BANNER =
  "import { createRequire as __soleilCreateRequire } from 'node:module';" +
  'const require = __soleilCreateRequire(import.meta.url);';

/**
 * How every platform function is bundled: local esbuild (never Docker), minified ESM with source maps.
 * `scripts/bundleReport.ts` runs esbuild with these same options to measure bundle sizes.
 */
export const platformBundling: BundlingOptions = {
  forceDockerBundling: false,
  minify: true,
  sourceMap: true,
  sourcesContent: false,
  target: BUNDLE_TARGET,
  format: OutputFormat.ESM,
  mainFields: ['module', 'main'],
  externalModules: BUNDLE_EXTERNALS,
  banner: ESM_REQUIRE_BANNER,
};
