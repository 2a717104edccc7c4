import { performance } from 'node:perf_hooks';
import { type EmbeddedPlatform, startPlatform } from '../../infra/local/startPlatform.ts';
import { bandWithMembers } from '../helpers/bandFixtures.ts';
import { contentPublisher, fileUpdate } from '../helpers/contentPublisher.ts';
import { runWhenMain } from './benchReport.ts';
import { LiveClientsThread } from './liveClientsThread.ts';
import { percentile } from './percentile.ts';
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
/**
 * Pushes the relay makes before the first row is measured, as broadcasts back to back to that row's clients.
 * The first broadcasts after start run on code V8 is still compiling (the relay's container, the platform's
 * thread): timed in the relay, its pushes to 1,000 connections took 502, 365, 231, 195 and 185 ms for the first
 * five broadcasts, and 155–190 ms from there on. The table is about a platform in use, as the propagation bench's; the first
 * broadcast's time is printed apart.
 */
const WARM_UP_PUSHES = 4_000;
/** After the back-to-back warm-up: longer than an echo's two batching windows, so none overlaps a round. */
const ECHOES_SETTLE_MS = 3_000;
/** A client that has not had the frame after this long counts as lost. */
const LOST_AFTER_MS = 60_000;

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
    const live = new LiveClientsThread({
      wsUrl: platform.urls.ws,
      token: band.leader.accessToken,
      bandId: band.bandId,
    });
    clients = live;
    /** Arms the clients, publishes, and answers each client's latency (NaN: never had it). */
    const broadcast = async (name: string, untilEcho: boolean): Promise<number[]> => {
      const echo = untilEcho ? { type: 'dashboard_updated', timeoutMs: ECHO_TIMEOUT_MS } : undefined;
      const { arrived } = await live.expect(name, LOST_AFTER_MS, echo);
      const started = epochNow();
      await publish.updated(fileUpdate(band.bandId, name, 'all'));
      return (await arrived).map((t) => t - started);
    };
    let pushed = 0;
    for (const size of SIZES) {
      await live.open(size);
      const latencies: number[] = [];
      const firsts: number[] = [];
      let lost = 0;
      // Back to back, without waiting for their echoes: only the relay's pushes are being warmed.
      const warmedBefore = pushed;
      for (let warm = 0; pushed < WARM_UP_PUSHES; warm++) {
        const times = await broadcast(`Bench_${size}_warm${warm}_Ref.mp3`, false);
        if (pushed === 0) {
          const had = times.filter((t) => !Number.isNaN(t));
          console.log(
            `first broadcast after start (${size} connections): last client after ${Math.max(...had).toFixed(0)} ms` +
              (had.length < times.length ? `, ${times.length - had.length} never had it` : ''),
          );
        }
        pushed += size;
      }
      if (pushed > warmedBefore) {
        // The warm-up broadcasts' echoes (one per batching window) pass before the rounds' own.
        await new Promise((resolve) => setTimeout(resolve, ECHOES_SETTLE_MS));
      }
      for (let round = 0; round <= ROUNDS; round++) {
        // Resolves once the echo has reached every client too: rounds do not overlap it.
        const times = await broadcast(`Bench_${size}_${round}_Ref.mp3`, true);
        pushed += size;
        await new Promise((resolve) => setTimeout(resolve, PAUSE_AFTER_ECHO_MS));
        if (round === 0) continue; // warm-up: containers of a new size of work
        const these = times.filter((t) => !Number.isNaN(t));
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
