import { performance } from 'node:perf_hooks';
import { type EmbeddedPlatform, startPlatform } from '../../infra/local/startPlatform.ts';
import { bandWithMembers } from '../helpers/bandFixtures.ts';
import { contentPublisher, fileUpdate } from '../helpers/contentPublisher.ts';
import { runWhenMain } from './benchReport.ts';
import { LiveClientsThread } from './liveClientsThread.ts';
import { warmDynamoDbLocal } from './warmDynamoDbLocal.ts';

/** Connections per row; override with `SOLEIL_BENCH_LIVE_SIZES=100,1000`. */
const SIZES = (process.env.SOLEIL_BENCH_LIVE_SIZES ?? '100,1000,5000').split(',').map(Number);
/** Broadcasts measured per row (after one warm-up broadcast). */
const ROUNDS = Number(process.env.SOLEIL_BENCH_LIVE_ROUNDS ?? 5);
/**
 * Each broadcast has an echo: dashboard refreshes the leader's Recently added (after a batching window of a
 * second) and sync relays it as `dashboard_updated` to each connection (after a window of its own). The next
 * round starts once every client has had it, after this pause (override with `SOLEIL_BENCH_LIVE_PAUSE_MS`).
 */
const PAUSE_AFTER_ECHO_MS = Number(process.env.SOLEIL_BENCH_LIVE_PAUSE_MS ?? 250);
/** How long a client waits for the echo before the round goes on without it. */
const ECHO_TIMEOUT_MS = 10_000;
/** A client that has not had the frame after this long counts as lost. */
const LOST_AFTER_MS = 60_000;

const percentile = (sorted: readonly number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
const epochNow = (): number => performance.timeOrigin + performance.now();

/**
 * Broadcast of one `content.updated` (audio: every member) to N connections of one band on the embedded
 * platform, real `ws` clients on a thread of their own: latency from the PutEvents call to each client's frame.
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
  let clients: LiveClientsThread | undefined;
  try {
    // As a platform in use for a few minutes: DynamoDB Local past its JIT warm-up (see warmDynamoDbLocal).
    await warmDynamoDbLocal(platform.urls.dynamodb);
    const band = await bandWithMembers(
      platform.urls.http,
      { email: 'bench-leader@example.com', instruments: ['piano'] },
      [],
    );
    const publish = contentPublisher(platform.urls.aws);
    clients = new LiveClientsThread({
      wsUrl: platform.urls.ws,
      token: band.leader.accessToken,
      bandId: band.bandId,
    });
    for (const size of SIZES) {
      await clients.open(size);
      const latencies: number[] = [];
      const firsts: number[] = [];
      let lost = 0;
      for (let round = 0; round <= ROUNDS; round++) {
        const name = `Bench_${size}_${round}_Ref.mp3`;
        const { arrived } = await clients.expect(name, LOST_AFTER_MS, {
          type: 'dashboard_updated',
          timeoutMs: ECHO_TIMEOUT_MS,
        });
        const started = epochNow();
        await publish.updated(fileUpdate(band.bandId, name, 'all'));
        // Resolves once the echo has reached every client too: rounds do not overlap it.
        const times = await arrived;
        await new Promise((resolve) => setTimeout(resolve, PAUSE_AFTER_ECHO_MS));
        if (round === 0) continue; // warm-up: containers of a new size of work
        const these = times.filter((t) => !Number.isNaN(t)).map((t) => t - started);
        lost += times.length - these.length;
        latencies.push(...these);
        firsts.push(Math.min(...these));
      }
      latencies.sort((a, b) => a - b);
      firsts.sort((a, b) => a - b);
      const row = {
        connections: size,
        broadcasts: ROUNDS,
        lost,
        'first ms (median)': percentile(firsts, 50).toFixed(0),
        'p50 ms': percentile(latencies, 50).toFixed(0),
        'p95 ms': percentile(latencies, 95).toFixed(0),
        'p99 ms': percentile(latencies, 99).toFixed(0),
        'last ms': (latencies.at(-1) ?? Number.NaN).toFixed(0),
      };
      rows.push(row);
      // Printed as it comes: the 5,000 row takes minutes to set up on a loaded machine.
      console.log(JSON.stringify(row));
    }
  } finally {
    // The platform first: closed one by one, 5,000 connections run 5,000 `$disconnect`s, each reading the
    // user's remaining connections (one user holds them all here) — minutes of teardown that measure nothing.
    await platform.stop();
    await clients?.close();
  }
  console.log(
    '\nLive broadcast (content.updated PutEvents → every connected client has file_updated), one band',
  );
  console.table(rows);
};

await runWhenMain(import.meta.url, runLiveBroadcastBench);
