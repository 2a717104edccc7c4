import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { FlowNode, FlowTree } from '../../functions/core/domain/flowTree.ts';
import { type EmbeddedPlatform, startPlatform } from '../../infra/local/startPlatform.ts';
import { bandWithMembers } from '../helpers/bandFixtures.ts';
import { LiveClient } from '../helpers/liveClient.ts';
import { runWhenMain } from './benchReport.ts';
import { percentile } from './percentile.ts';
import { warmDynamoDbLocal } from './warmDynamoDbLocal.ts';

/** Files dropped one after the other (after one warm-up drop); override with `SOLEIL_BENCH_DROPS`. */
const DROPS = Number(process.env.SOLEIL_BENCH_DROPS ?? 20);
/** Pause between drops, so each one is measured on its own (the folder is quiet again). */
const PAUSE_MS = 300;

interface Archived {
  readonly receivedAt: number;
  readonly correlationId: string | undefined;
}

/** The first event of `name` about `fileName` the bus received: when (epoch ms), and its flow's id. */
const archived = (platform: EmbeddedPlatform, name: string, fileName: string): Archived => {
  const found = platform.archive.between(0, Number.MAX_SAFE_INTEGER).find(({ event }) => {
    const data = (event.detail as { data?: { fileName?: string; file?: { name?: string } } }).data;
    return event['detail-type'] === name && (data?.fileName ?? data?.file?.name) === fileName;
  });
  const metadata = (found?.event.detail as { metadata?: { correlationId?: string } } | undefined)?.metadata;
  return { receivedAt: found?.receivedAt ?? Number.NaN, correlationId: metadata?.correlationId };
};

const nodesOf = (nodes: readonly FlowNode[]): FlowNode[] => nodes.flatMap((n) => [n, ...nodesOf(n.caused)]);

/** The flow of a drop as core's trace holds it, read as the band's leader would (reactions are reported late). */
const readFlow = async (httpUrl: string, token: string, correlationId: string): Promise<FlowNode[]> => {
  const response = await fetch(`${httpUrl}/api/system/flows/${encodeURIComponent(correlationId)}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  if (response.status !== 200) throw new Error(`GET flow ${correlationId}: ${response.status}`);
  return nodesOf(((await response.json()) as FlowTree).roots);
};

/** One hop of the flow: the event, the module reacting to it, and that reaction's stages. */
const HOPS = [
  { event: 'drive.file_added', module: 'content', label: 'drive.file_added → content' },
  { event: 'content.updated', module: 'sync', label: 'content.updated → sync' },
] as const;
const STAGES = [
  ['busMs', 'publish (outbox commit, PutEvents) → its queue has it'],
  ['queueMs', 'queue (→ handed to the function)'],
  ['wakeUpMs', 'container wake-up (→ handler starts)'],
  ['handlerMs', 'handler'],
  ['storageMs', '  of which DynamoDB'],
  ['storageCalls', '  DynamoDB requests (count)'],
] as const;

const row = (stage: string, values: number[]) => {
  const sorted = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  return {
    stage,
    'p50 ms': percentile(sorted, 50).toFixed(0),
    'p95 ms': percentile(sorted, 95).toFixed(0),
    'p99 ms': percentile(sorted, 99).toFixed(0),
    'max ms': (sorted.at(-1) ?? Number.NaN).toFixed(0),
  };
};

/**
 * The whole live path on the embedded platform: a chart written into the band's library folder → drive's
 * folder trigger and sync (`drive.file_added`) → content (`content.updated`) → sync → the trumpet player's
 * socket has `file_updated`. Drops one file at a time and times each, with where the time went (the bus's
 * receipt of drive's and content's events, from the archive).
 */
/**
 * Where each hop's time goes, from core's flow trace of every drop (the reactions' reported stages): the
 * written → drive.file_added hop (folder watch, settle, scan, drive's commit), then for each event the bus,
 * queue, container wake-up, handler and DynamoDB time of the module reacting to it, and sync's handler start →
 * the member's socket has the frame.
 */
const printHops = async (
  httpUrl: string,
  token: string,
  drops: readonly { name: string; dropped: number; at: number; correlationId: string | undefined }[],
): Promise<void> => {
  const columns = new Map<string, number[]>();
  const add = (label: string, value: number | undefined) => {
    if (value === undefined || Number.isNaN(value)) return;
    columns.set(label, [...(columns.get(label) ?? []), value]);
  };
  for (const drop of drops) {
    if (!drop.correlationId) continue;
    const nodes = await readFlow(httpUrl, token, drop.correlationId);
    const added = nodes.find((n) => n.name === 'drive.file_added');
    add(
      'written → drive.file_added published (watch, settle, scan, commit)',
      added && Date.parse(added.occurredAt) - drop.dropped,
    );
    for (const hop of HOPS) {
      const reaction = nodes
        .filter((n) => n.name === hop.event)
        .flatMap((n) => n.reactions)
        .find((r) => r.module === hop.module);
      for (const [key, stage] of STAGES) add(`${hop.label}: ${stage}`, reaction?.stages?.[key]);
      if (hop.module === 'sync' && reaction)
        add('sync handler start → socket has file_updated', drop.at - Date.parse(reaction.startedAt));
    }
  }
  console.log(`\nThe file-update flow hop by hop (${drops.length} drops; from core's flow trace), ms`);
  console.table([...columns].map(([stage, values]) => row(stage, values)));
};

export const runFileDropToSocketBench = async (): Promise<void> => {
  const platform = await startPlatform({
    ports: { http: 0, ws: 0, aws: 0, dynamodb: 0 },
    dataDir: null,
    schedules: false,
    functionOutput: process.env.SOLEIL_BENCH_VERBOSE ? 'inherit' : 'silent',
    log: () => undefined,
  });
  let client: LiveClient | undefined;
  try {
    await warmDynamoDbLocal(platform.urls.dynamodb);
    const band = await bandWithMembers(
      platform.urls.http,
      { email: 'drop-leader@example.com', instruments: ['piano'] },
      [{ email: 'drop-trumpet@example.com', instruments: ['trumpet'] }],
    );
    const member = band.members[0];
    if (!member) throw new Error('the band has no member');
    const bandDir = path.join(platform.folderRoots['drive-libraryFolders'] ?? '', band.bandId);
    for (let attempt = 1; !client; attempt++) {
      try {
        const connected = await LiveClient.connect(platform.urls.ws, member.accessToken);
        const answer = await connected.request(
          { action: 'subscribe', bandId: band.bandId },
          'subscribed',
          60_000,
        );
        if (answer.type === 'subscribed') client = connected;
        else await connected.close();
      } catch (error) {
        if (attempt >= 10) throw error;
      }
    }
    const total: number[] = [];
    const toDrive: number[] = [];
    const toContent: number[] = [];
    const toSocket: number[] = [];
    const drops: { name: string; dropped: number; at: number; correlationId: string | undefined }[] = [];
    for (let i = 0; i <= DROPS; i++) {
      const name = `Drop${String(i).padStart(3, '0')}_Bb.pdf`;
      const arrived = client.next((f) => f.type === 'file_updated' && f.fileName === name, 60_000);
      const dropped = Date.now();
      await writeFile(path.join(bandDir, name), `%PDF-1.4 chart ${i}\n`);
      await arrived;
      const at = Date.now();
      await new Promise((resolve) => setTimeout(resolve, PAUSE_MS));
      if (i === 0) continue; // warm-up: the containers of drive, content and sync start
      const driveEvent = archived(platform, 'drive.file_added', name);
      const drive = driveEvent.receivedAt;
      const content = archived(platform, 'content.updated', name).receivedAt;
      drops.push({ name, dropped, at, correlationId: driveEvent.correlationId });
      total.push(at - dropped);
      toDrive.push(drive - dropped);
      toContent.push(content - drive);
      toSocket.push(at - content);
    }
    const rows = [
      row('file written → member’s socket has file_updated', total),
      row('  written → bus has drive.file_added (watch, settle, scan, commit)', toDrive),
      row('  drive.file_added → bus has content.updated', toContent),
      row('  content.updated → socket (sync)', toSocket),
    ];
    console.log(`\nFile dropped → member's socket, ${DROPS} drops one after the other`);
    console.table(rows);
    await printHops(platform.urls.http, band.leader.accessToken, drops);
  } finally {
    await client?.close();
    await platform.stop();
  }
};

await runWhenMain(import.meta.url, runFileDropToSocketBench);
