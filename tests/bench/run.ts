import { runContentSongsBench } from './contentSongs.bench.ts';
import { runDriveLibraryBench } from './driveLibrary.bench.ts';
import { runEventPropagationBench } from './eventPropagation.bench.ts';
import { runFileDropToSocketBench } from './fileDropToSocket.bench.ts';
import { runFileNameReadingBench } from './fileNameReading.bench.ts';
import { runHttpRoutingBench } from './httpRouting.bench.ts';
import { runLiveBroadcastBench } from './liveBroadcast.bench.ts';
import { runLoginFlowBench } from './loginFlow.bench.ts';
import { runPatternMatchingBench } from './patternMatching.bench.ts';
import { runPublishingBench } from './publishing.bench.ts';

// `npm run bench`: every benchmark, printing its table. The SDK's notice that it will need Node 22 in 2027 would
// otherwise be printed by every worker of the embedded platform in the middle of the tables.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const benches: [string, () => Promise<void>][] = [
  ['EventBridge pattern matching', runPatternMatchingBench],
  ['publishing', runPublishingBench],
  ['HTTP route matching', runHttpRoutingBench],
  ['file name reading', runFileNameReadingBench],
  ['content: GET songs for a member of a 5,000-file library on the embedded platform', runContentSongsBench],
  ['event propagation and HTTP latency on the embedded platform', runEventPropagationBench],
  ['drive: folder library reconciliation and change notification', runDriveLibraryBench],
  ['sync: live broadcast to one band’s connections on the embedded platform', runLiveBroadcastBench],
  ['file dropped into a band library → member’s socket (drive → content → sync)', runFileDropToSocketBench],
  ['login flow: sign-in to the four reactions, and GET /api/dashboard', runLoginFlowBench],
];

for (const [name, run] of benches) {
  console.log(`\n## ${name}`);
  await run();
}
