import { performance } from 'node:perf_hooks';
import { type EmbeddedPlatform, startPlatform } from '../../infra/local/startPlatform.ts';
import { bandWithMembers } from '../helpers/bandFixtures.ts';
import { contentPublisher, fileUpdate } from '../helpers/contentPublisher.ts';
import { LiveClient } from '../helpers/liveClient.ts';
import { runWhenMain } from './benchReport.ts';

/** Connections per row; override with `SOLEIL_BENCH_LIVE_SIZES=100,1000`. */
const SIZES = (process.env.SOLEIL_BENCH_LIVE_SIZES ?? '100,1000,5000').split(',').map(Number);
/** Broadcasts measured per row (after one warm-up broadcast). */
const ROUNDS = 3;
/** Connects and subscribes in flight at once while a row is set up. */
const SETUP_CONCURRENCY = 10;

const percentile = (sorted: readonly number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;

const inBatches = async <T>(count: number, size: number, make: (i: number) => Promise<T>): Promise<T[]> => {
  const out: T[] = [];
  for (let i = 0; i < count; i += size) {
    out.push(
      ...(await Promise.all(Array.from({ length: Math.min(size, count - i) }, (_, j) => make(i + j)))),
    );
  }
  return out;
};

/**
 * Broadcast of one `content.updated` (audio: every member) to N connections of one band on the embedded
 * platform, real `ws` clients on this process: latency from the PutEvents call to each client's frame.
 */
export const runLiveBroadcastBench = async (): Promise<void> => {
  const platform: EmbeddedPlatform = await startPlatform({
    ports: { http: 0, ws: 0, aws: 0, dynamodb: 0 },
    dataDir: null,
    schedules: false,
    functionOutput: process.env.SOLEIL_BENCH_VERBOSE ? 'inherit' : 'silent',
    log: () => undefined,
  });
  const rows: Record<string, string | number>[] = [];
  try {
    const band = await bandWithMembers(
      platform.urls.http,
      { email: 'bench-leader@example.com', instruments: ['piano'] },
      [],
    );
    const publish = contentPublisher(platform.urls.aws);
    // Warm the edge's functions (authorizer, $connect, $default) one connection at a time: a cold start here
    // has taken over 15 s, longer than the functions' timeout, and would refuse a whole batch.
    let open: LiveClient[] = [];
    for (let attempt = 1; open.length === 0; attempt++) {
      try {
        const client = await LiveClient.connect(platform.urls.ws, band.leader.accessToken);
        const answer = await client.request(
          { action: 'subscribe', bandId: band.bandId },
          'subscribed',
          60_000,
        );
        if (answer.type === 'subscribed') open = [client];
        else await client.close();
      } catch (error) {
        if (attempt >= 10) throw error;
      }
    }
    for (const size of SIZES) {
      const more = await inBatches(size - open.length, SETUP_CONCURRENCY, async () => {
        // Setting up is not measured; a handshake refused while containers start is tried again.
        for (let attempt = 1; ; attempt++) {
          try {
            const client = await LiveClient.connect(platform.urls.ws, band.leader.accessToken);
            const answer = await client.request(
              { action: 'subscribe', bandId: band.bandId },
              'subscribed',
              60_000,
            );
            if (answer.type === 'subscribed') return client;
            await client.close();
          } catch (error) {
            if (attempt >= 5) throw error;
          }
        }
      });
      open = [...open, ...more];
      const latencies: number[] = [];
      let lost = 0;
      for (let round = 0; round <= ROUNDS; round++) {
        const name = `Bench_${size}_${round}_Ref.mp3`;
        const arrived = open.map((c) =>
          c
            .next((f) => f.type === 'file_updated' && f.fileName === name, 60_000)
            .then(
              () => performance.now(),
              () => Number.NaN,
            ),
        );
        const started = performance.now();
        await publish.updated(fileUpdate(band.bandId, name, 'all'));
        const times = await Promise.all(arrived);
        if (round === 0) continue; // warm-up: containers of a new size of work
        for (const t of times) {
          if (Number.isNaN(t)) lost++;
          else latencies.push(t - started);
        }
      }
      latencies.sort((a, b) => a - b);
      const row = {
        connections: size,
        broadcasts: ROUNDS,
        lost,
        'p50 ms': percentile(latencies, 50).toFixed(0),
        'p95 ms': percentile(latencies, 95).toFixed(0),
        'p99 ms': percentile(latencies, 99).toFixed(0),
        'last ms': (latencies.at(-1) ?? Number.NaN).toFixed(0),
      };
      rows.push(row);
      // Printed as it comes: the 5,000 row takes minutes to set up on a loaded machine.
      console.log(JSON.stringify(row));
    }
    await Promise.all(open.map((c) => c.close()));
  } finally {
    await platform.stop();
  }
  console.log(
    '\nLive broadcast (content.updated PutEvents → every connected client has file_updated), one band',
  );
  console.table(rows);
};

await runWhenMain(import.meta.url, runLiveBroadcastBench);
