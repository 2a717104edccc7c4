import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { type EmbeddedPlatform, startPlatform } from '../../infra/local/startPlatform.ts';
import { bandWithMembers } from '../helpers/bandFixtures.ts';
import { LiveClient } from '../helpers/liveClient.ts';
import { runWhenMain } from './benchReport.ts';

/** Files dropped one after the other (after one warm-up drop); override with `SOLEIL_BENCH_DROPS`. */
const DROPS = Number(process.env.SOLEIL_BENCH_DROPS ?? 20);
/** Pause between drops, so each one is measured on its own (the folder is quiet again). */
const PAUSE_MS = 300;

const percentile = (sorted: readonly number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;

/** When the bus received the first event of `name` about `fileName` (epoch ms), from the platform's archive. */
const receivedAt = (platform: EmbeddedPlatform, name: string, fileName: string): number => {
  const found = platform.archive.between(0, Number.MAX_SAFE_INTEGER).find(({ event }) => {
    const data = (event.detail as { data?: { fileName?: string; file?: { name?: string } } }).data;
    return event['detail-type'] === name && (data?.fileName ?? data?.file?.name) === fileName;
  });
  return found?.receivedAt ?? Number.NaN;
};

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
    for (let i = 0; i <= DROPS; i++) {
      const name = `Drop${String(i).padStart(3, '0')}_Bb.pdf`;
      const arrived = client.next((f) => f.type === 'file_updated' && f.fileName === name, 60_000);
      const dropped = Date.now();
      await writeFile(path.join(bandDir, name), `%PDF-1.4 chart ${i}\n`);
      await arrived;
      const at = Date.now();
      await new Promise((resolve) => setTimeout(resolve, PAUSE_MS));
      if (i === 0) continue; // warm-up: the containers of drive, content and sync start
      const drive = receivedAt(platform, 'drive.file_added', name);
      const content = receivedAt(platform, 'content.updated', name);
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
  } finally {
    await client?.close();
    await platform.stop();
  }
};

await runWhenMain(import.meta.url, runFileDropToSocketBench);
