import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// `npm run bench`: runs every bench that exists (they are written by different people, at different times).
const benches = [
  ['./patternMatching.bench.ts', 'runPatternMatchingBench'],
  ['./publishing.bench.ts', 'runPublishingBench'],
  ['./httpRouting.bench.ts', 'runHttpRoutingBench'],
  ['./eventPropagation.bench.ts', 'runEventPropagationBench'],
] as const;

for (const [file, exportName] of benches) {
  const url = new URL(file, import.meta.url);
  if (!existsSync(fileURLToPath(url))) continue;
  const loaded = (await import(url.href)) as Record<string, unknown>;
  const run = loaded[exportName];
  if (typeof run !== 'function') throw new Error(`${file} does not export ${exportName}()`);
  console.log(`\n## ${exportName}`);
  await (run as () => Promise<void>)();
}
