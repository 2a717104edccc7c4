import { createRequire } from 'node:module';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { LOCAL_AWS_CREDENTIALS, LOCAL_AWS_REGION } from '../../infra/local/shared/localNames.ts';
import type { EmbeddedPlatform } from '../../infra/local/startPlatform.ts';
import { repositoryRoot } from '../../shared/platformModel/loadPlatformModel.ts';
import { ProbeListener } from '../fixtures/modules-local/ProbeListener.ts';
import { startTestPlatform } from '../helpers/startTestPlatform.ts';

/** Rates of the propagation runs (events per second) and how long each run publishes. */
const RATES = [100, 500, 1_000] as const;
const RUN_SECONDS = 3;
const TICK_MS = 10;
/** How long to wait after the last publish before counting an event lost. */
const DRAIN_MS = 5_000;
const HTTP_REQUESTS = 500;
/**
 * Warm-up before the measured runs: every container of the subscriber started and used, and the JIT of the
 * platform's thread, the publisher's SDK and each container settled. 200/s for 3 s was not enough: its events
 * went mostly to the containers' cold start, the 4th container got none, and the 500/s row then ran on code
 * still being compiled (the same 500/s load cost 70% of a core then, 37–46% once warm, with twice the p99) —
 * which is also why 1,000/s, measured after it, looked better than 500/s.
 */
const WARM_UP_RATES = [1_000, 500] as const;

interface Row {
  readonly scenario: string;
  readonly sent: number;
  readonly received: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
}

const percentile = (sorted: readonly number[], p: number): number =>
  sorted.length === 0
    ? Number.NaN
    : (sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN);

const row = (scenario: string, sent: number, latencies: number[]): Row => {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    scenario,
    sent,
    received: latencies.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
  };
};

/**
 * The publisher runs in its own thread, like a function publishing from its container: the SDK's signing and
 * serialisation then compete with the platform for the machine's cores, not for the platform's event loop.
 * Plain JavaScript (eval), so it needs no TypeScript loader.
 */
const PUBLISHER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { EventBridgeClient, PutEventsCommand } = require(workerData.sdkPath);
const client = new EventBridgeClient(workerData.clientConfig);
const now = () => performance.timeOrigin + performance.now();
parentPort.on('message', async ({ rate, seconds, tickMs, firstSeq }) => {
  const total = rate * seconds;
  const perTick = (rate * tickMs) / 1000;
  const sends = [];
  let sent = 0;
  const started = Date.now();
  while (sent < total) {
    // Catch up to the schedule so a slow tick does not lower the rate.
    const due = Math.min(total, Math.floor(((Date.now() - started) / tickMs + 1) * perTick));
    while (sent < due) {
      const seq = firstSeq + sent++;
      const Detail = JSON.stringify({ seq, sentAt: now() });
      sends.push(client.send(new PutEventsCommand({
        Entries: [{ EventBusName: 'soleil-local', Source: 'soleil.drive', DetailType: 'drive.file_added', Detail }],
      })).then((r) => r.FailedEntryCount, () => 1));
    }
    await new Promise((resolve) => setTimeout(resolve, tickMs));
  }
  const failed = (await Promise.all(sends)).reduce((a, b) => a + b, 0);
  parentPort.postMessage({ sent: total, failed });
});
`;

class PublisherThread {
  private readonly worker: Worker;
  private nextSeq = 0;

  constructor(awsUrl: string) {
    this.worker = new Worker(PUBLISHER_SOURCE, {
      eval: true,
      workerData: {
        sdkPath: createRequire(import.meta.url).resolve('@aws-sdk/client-eventbridge'),
        clientConfig: { endpoint: awsUrl, region: LOCAL_AWS_REGION, credentials: LOCAL_AWS_CREDENTIALS },
      },
    });
  }

  /** Publishes `rate` events/s for `seconds`, one PutEvents call per event; resolves when all were answered. */
  publish(rate: number, seconds: number): Promise<{ sent: number; failed: number; firstSeq: number }> {
    const firstSeq = this.nextSeq;
    this.nextSeq += rate * seconds;
    return new Promise((resolve) => {
      this.worker.once('message', (done: { sent: number; failed: number }) => resolve({ ...done, firstSeq }));
      this.worker.postMessage({ rate, seconds, tickMs: TICK_MS, firstSeq });
    });
  }

  stop(): Promise<number> {
    return this.worker.terminate();
  }
}

/** Publishes at `rate` events/s for RUN_SECONDS and measures publish (before the SDK call) → handler start. */
const propagation = async (publisher: PublisherThread, probes: ProbeListener, rate: number): Promise<Row> => {
  probes.clear();
  const { sent } = await publisher.publish(rate, RUN_SECONDS);
  await probes.until((p) => p.of('bench-onFileAdded').length >= sent, DRAIN_MS).catch(() => undefined);
  const latencies = probes
    .of('bench-onFileAdded')
    .map((r) => r.startedAt - ((r.data as { sentAt: number }).sentAt ?? r.startedAt));
  return row(`events ${rate}/s`, sent, latencies);
};

const httpLatency = async (url: string): Promise<Row> => {
  const latencies: number[] = [];
  for (let i = 0; i < HTTP_REQUESTS; i++) {
    const start = performance.now();
    const response = await fetch(`${url}/api/drive/ping`);
    await response.arrayBuffer();
    if (response.status === 200) latencies.push(performance.now() - start);
  }
  return row('HTTP GET (sequential)', HTTP_REQUESTS, latencies);
};

const printTable = (rows: readonly Row[]): void => {
  const ms = (n: number) => (Number.isNaN(n) ? '-' : n.toFixed(1));
  console.log('\nEvent propagation (PutEvents via SDK → subscriber handler start) and HTTP latency, ms');
  console.log('| scenario | sent | received | lost | p50 | p95 | p99 |');
  console.log('|---|---:|---:|---:|---:|---:|---:|');
  for (const r of rows) {
    console.log(
      `| ${r.scenario} | ${r.sent} | ${r.received} | ${r.sent - r.received} | ${ms(r.p50)} | ${ms(r.p95)} | ${ms(r.p99)} |`,
    );
  }
};

/** `npm run bench` entry: starts the embedded platform with the bench fixtures and prints the table. */
export async function runEventPropagationBench(): Promise<void> {
  const probes = new ProbeListener();
  let platform: EmbeddedPlatform | undefined;
  let publisher: PublisherThread | undefined;
  try {
    platform = await startTestPlatform({
      functionsDir: path.join(repositoryRoot(), 'tests/fixtures/modules-local/bench/functions'),
    });
    publisher = new PublisherThread(platform.urls.aws);
    // Warm the subscriber's containers and the HTTP route: the table is about steady state, not cold starts.
    for (const rate of WARM_UP_RATES) await propagation(publisher, probes, rate);
    await httpLatency(platform.urls.http);
    const rows: Row[] = [];
    for (const rate of RATES) rows.push(await propagation(publisher, probes, rate));
    rows.push(await httpLatency(platform.urls.http));
    printTable(rows);
  } finally {
    probes.close();
    await publisher?.stop();
    await platform?.stop();
  }
}
