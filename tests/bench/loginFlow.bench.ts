import type { FlowTree } from '../../functions/core/domain/flowTree.ts';
import { startPlatform } from '../../infra/local/startPlatform.ts';
import { bandWithMembers } from '../helpers/bandFixtures.ts';
import { waitForFlow } from '../helpers/flows/flowApi.ts';
import { warmPlatform } from '../helpers/flows/warmFunctions.ts';
import { runWhenMain } from './benchReport.ts';
import { percentile } from './percentile.ts';
import { warmDynamoDbLocal } from './warmDynamoDbLocal.ts';

const SIGN_INS = 40;
const DASHBOARD_READS = 300;
const LOGIN_REACTORS = ['content', 'dashboard', 'drive', 'sync'];

const percentileOf = (values: readonly number[], p: number): number =>
  percentile(
    [...values].sort((a, b) => a - b),
    p,
  );

const row = (values: readonly number[]) => ({
  n: values.length,
  'p50 (ms)': percentileOf(values, 50).toFixed(1),
  'p95 (ms)': percentileOf(values, 95).toFixed(1),
  'p99 (ms)': percentileOf(values, 99).toFixed(1),
  'max (ms)': Math.max(...values).toFixed(1),
});

/** When the last of the four login reactions ended, by the trace's own timestamps (same machine, same clock). */
const reactionsEnd = (tree: FlowTree): number | undefined => {
  const login = tree.roots.find((r) => r.name === 'auth.user_logged_in');
  const done = (login?.reactions ?? []).filter((r) => r.outcome === 'ok');
  if (!LOGIN_REACTORS.every((m) => done.some((r) => r.module === m))) return undefined;
  return Math.max(...done.map((r) => Date.parse(r.startedAt) + r.durationMs));
};

/**
 * Sign-in → all four login reactions done (drive, content, sync, dashboard), from just before the dev-login
 * request to the end of the last reaction as core's trace records it; and `GET /api/dashboard`, sequential,
 * client side. Everything warmed first: cold starts are not what this measures.
 */
export const runLoginFlowBench = async (): Promise<void> => {
  const platform = await startPlatform({
    ports: { http: 0, ws: 0, aws: 0, dynamodb: 0 },
    dataDir: null,
    schedules: false,
    functionOutput: 'silent',
    log: () => undefined,
  });
  try {
    // As a platform in use for a few minutes: DynamoDB Local past its JIT warm-up (see warmDynamoDbLocal).
    await warmDynamoDbLocal(platform.urls.dynamodb);
    await warmPlatform(platform);
    const band = await bandWithMembers(
      platform.urls.http,
      { email: 'bench-lead@example.com', instruments: ['piano'] },
      [{ email: 'bench-horn@example.com', instruments: ['trumpet'] }],
    );
    await platform.router.idle();
    const signIn = async (correlationId: string): Promise<{ token: string; startedAt: number }> => {
      const startedAt = Date.now();
      const response = await fetch(`${platform.urls.http}/api/auth/dev-login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-correlation-id': correlationId },
        body: JSON.stringify({ email: 'bench-horn@example.com', instruments: ['trumpet'] }),
      });
      const { accessToken } = (await response.json()) as { accessToken: string };
      return { token: accessToken, startedAt };
    };
    const latencies: number[] = [];
    let token = '';
    for (let i = 0; i < SIGN_INS + 5; i++) {
      const correlationId = `bench-login-${i}-${crypto.randomUUID()}`;
      const started = await signIn(correlationId);
      token = started.token;
      const tree = await waitForFlow(
        platform.urls.http,
        correlationId,
        token,
        (t) => reactionsEnd(t) !== undefined,
      );
      const end = tree ? reactionsEnd(tree) : undefined;
      await platform.router.idle();
      // The first five warm what a sign-in touches beyond the warm-up (the member's own items, caches).
      if (i >= 5 && end !== undefined) latencies.push(end - started.startedAt);
    }
    const reads: number[] = [];
    for (let i = 0; i < DASHBOARD_READS + 20; i++) {
      const started = performance.now();
      const response = await fetch(`${platform.urls.http}/api/dashboard?bandId=${band.bandId}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`GET /api/dashboard answered ${response.status}`);
      if (i >= 20) reads.push(performance.now() - started);
    }
    console.log(
      `\nSign-in → four login reactions done (${SIGN_INS} sequential sign-ins; target p95 < 200 ms)`,
    );
    console.table([{ measure: 'sign-in → reactions done', ...row(latencies) }]);
    console.log(`\nGET /api/dashboard (${DASHBOARD_READS} sequential, client side; target p99 < 20 ms)`);
    console.table([{ measure: 'GET /api/dashboard', ...row(reads) }]);
  } finally {
    await platform.stop();
  }
};

await runWhenMain(import.meta.url, runLoginFlowBench);
