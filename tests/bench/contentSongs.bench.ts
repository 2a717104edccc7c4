import os from 'node:os';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDbCatalogueStore } from '../../functions/content/store/DynamoDbCatalogueStore.ts';
import { LOCAL_AWS_CREDENTIALS, LOCAL_AWS_REGION, LOCAL_NAMES } from '../../infra/local/shared/localNames.ts';
import { fullBandLibrary, seedCatalogue } from '../helpers/contentLibrary.ts';
import { api, CONTENT_PLATFORM_FUNCTIONS, devLogin } from '../helpers/contentPlatform.ts';
import { startTestPlatform } from '../helpers/startTestPlatform.ts';
import { runWhenMain } from './benchReport.ts';
import { percentile } from './percentile.ts';

const LIBRARY_FILES = 5_000;
const WARM_UP_REQUESTS = 30;
const MEASURED_REQUESTS = 400;

/**
 * `GET /api/content/bands/{bandId}/songs` on the embedded platform (real auth, core and content; a fixture drive)
 * for a band whose library holds 5,000 files (500 songs, ten files each): sequential requests walking the
 * member's pages (20 songs each), then the leader's whole view. Target: p99 under 50 ms. The platform's HTTP
 * edge, the authorizer, the function's container and DynamoDB Local are all in the path.
 */
export async function runContentSongsBench(): Promise<void> {
  const platform = await startTestPlatform({ functionsDir: CONTENT_PLATFORM_FUNCTIONS });
  try {
    const lead = await devLogin(platform, 'lead@bench.example', ['piano']);
    // Auth's first (cold) calls can outlast their timeout on a loaded machine: both calls are idempotent (band
    // creation by requestId, an invitation by email and band), so a 5xx is retried once.
    const once = async (call: () => ReturnType<typeof api>) => {
      const first = await call();
      return first.status >= 500 ? call() : first;
    };
    const requestId = crypto.randomUUID();
    const band = await once(() =>
      api(platform, 'POST', '/api/auth/bands', {
        token: lead.token,
        body: { name: 'Bench Band', requestId },
      }),
    );
    if (band.status !== 201) throw new Error(`band creation ${band.status}: ${JSON.stringify(band.body)}`);
    const bandId: string = band.body.band.bandId;
    const leaderToken: string = band.body.accessToken;
    const invited = await once(() =>
      api(platform, 'POST', `/api/auth/bands/${bandId}/invitations`, {
        token: leaderToken,
        body: { email: 'horns@bench.example', role: 'member' },
      }),
    );
    if (invited.status >= 300) throw new Error(`invitation ${invited.status}`);
    const horns = await devLogin(platform, 'horns@bench.example', ['trumpet', 'alto_sax']);

    const client = new DynamoDBClient({
      endpoint: platform.urls.dynamodb,
      region: LOCAL_AWS_REGION,
      credentials: LOCAL_AWS_CREDENTIALS,
    });
    const seedStarted = performance.now();
    await seedCatalogue(
      new DynamoDbCatalogueStore(client, {
        catalogue: LOCAL_NAMES.tableName('content-catalogue'),
        outbox: LOCAL_NAMES.tableName('content-outbox'),
      }),
      bandId,
      fullBandLibrary(LIBRARY_FILES),
    );
    client.destroy();
    console.log(`seeded ${LIBRARY_FILES} files in ${((performance.now() - seedStarted) / 1e3).toFixed(1)} s`);

    const measure = async (label: string, token: string, query: string) => {
      // The cursors of every page, found while warming up (the function's container, auth's user_service).
      const cursors: (string | null)[] = [null];
      for (let i = 0; i < WARM_UP_REQUESTS; i++) {
        const cursor = cursors[i % cursors.length] ?? null;
        const url = `/api/content/bands/${bandId}/songs?${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
        const { status, body } = await api(platform, 'GET', url, { token });
        if (status !== 200) throw new Error(`${label}: ${status} ${JSON.stringify(body)}`);
        if (body.nextCursor && !cursors.includes(body.nextCursor)) cursors.push(body.nextCursor);
      }
      const latencies: number[] = [];
      for (let i = 0; i < MEASURED_REQUESTS; i++) {
        const cursor = cursors[i % cursors.length] ?? null;
        const url = `/api/content/bands/${bandId}/songs?${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
        const started = performance.now();
        const { status } = await api(platform, 'GET', url, { token });
        latencies.push(performance.now() - started);
        if (status !== 200) throw new Error(`${label}: ${status}`);
      }
      const sorted = latencies.sort((a, b) => a - b);
      return {
        view: label,
        requests: MEASURED_REQUESTS,
        pages: cursors.length,
        'p50 (ms)': percentile(sorted, 50).toFixed(1),
        'p95 (ms)': percentile(sorted, 95).toFixed(1),
        'p99 (ms)': percentile(sorted, 99).toFixed(1),
        'max (ms)': (sorted[sorted.length - 1] ?? Number.NaN).toFixed(1),
      };
    };
    const rows = [
      await measure('member (trumpet, alto sax), 20 songs a page', horns.token, 'limit=20'),
      await measure('leader, every part, 20 songs a page', leaderToken, 'limit=20'),
      await measure('member, 100 songs a page', horns.token, 'limit=100'),
    ];
    console.log(
      `\nGET songs, ${LIBRARY_FILES}-file library, sequential requests (target: p99 < 50 ms); ` +
        `load average ${os
          .loadavg()
          .map((l) => l.toFixed(1))
          .join(' / ')} on ${os.cpus().length} cores`,
    );
    console.table(rows);
  } finally {
    await platform.stop();
  }
}

await runWhenMain(import.meta.url, runContentSongsBench);
