import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { afterAll, describe, expect, it } from 'vitest';
import {
  DYNAMODB_PID_FILE,
  type DynamoDbPidRecord,
} from '../../../../infra/local/dynamodb/dynamoDbPidFile.ts';
import { LOCAL_AWS_CREDENTIALS, LOCAL_AWS_REGION } from '../../../../infra/local/shared/localNames.ts';
import { RECORDER_LOG_ENV } from '../../../fixtures/reliability/delivery-recorder/module.ts';
import { functionsDirWithRecorder } from '../../../fixtures/reliability/functionsDirWithRecorder.ts';
import {
  freePlatformPorts,
  type PlatformProcess,
  startPlatformProcess,
} from '../../../helpers/platformProcess.ts';

// `npm start` (the real core and auth modules, plus a subscriber that writes down what it receives) under
// load — 200 PutEvents a second and a dev-login after another — while its DynamoDB Local is killed, then
// while the whole platform is killed: every answer is a 2xx or a 503 (never a 500), it recovers by itself,
// and nothing it acknowledged is lost.

const root = mkdtempSync(path.join(tmpdir(), 'soleil-crash-'));
const dataDir = path.join(root, 'data');
const recorderLog = path.join(root, 'delivered.log');
const modules = functionsDirWithRecorder();
const running: PlatformProcess[] = [];

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const jvmPid = (): number =>
  (JSON.parse(readFileSync(path.join(dataDir, DYNAMODB_PID_FILE), 'utf8')) as DynamoDbPidRecord).pid;

afterAll(async () => {
  for (const platform of running) platform.child.kill('SIGKILL');
  await Promise.all(running.map((p) => p.exited));
  if (existsSync(path.join(dataDir, DYNAMODB_PID_FILE)) && isAlive(jvmPid()))
    process.kill(jvmPid(), 'SIGKILL');
  modules.remove();
  rmSync(root, { recursive: true, force: true });
});

/** Polls `check` every `everyMs` until it returns a value, or fails after `timeoutMs` saying `what`. */
const until = async <T>(
  what: string,
  check: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 60_000,
  everyMs = 100,
): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) {
      throw new Error(
        `Timed out after ${timeoutMs} ms waiting for ${what} (last health: ${JSON.stringify(lastHealth)}; ` +
          `platform: ${
            running
              .at(-1)
              ?.lines.filter((l) => l.startsWith('['))
              .join(' | ') ?? 'none'
          })`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
};

interface Answer {
  readonly status: number;
  readonly contentType: string;
  readonly retryAfter: string | null;
  readonly body: string;
}

/** The last health answer seen, for the message of a test that waited for another in vain. */
let lastHealth: Answer | string = 'none yet';

const get = async (url: string): Promise<Answer | string> => {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(20_000) });
    lastHealth = {
      status: response.status,
      contentType: response.headers.get('content-type') ?? '',
      retryAfter: response.headers.get('retry-after'),
      body: await response.text(),
    };
  } catch (error) {
    lastHealth = (error as Error).name;
  }
  return lastHealth;
};

/** 200 PutEvents a second (ten every 50 ms), one entry each, keeping every EventId answered. */
const eventLoad = (awsUrl: string) => {
  const client = new EventBridgeClient({
    endpoint: awsUrl,
    region: LOCAL_AWS_REGION,
    credentials: LOCAL_AWS_CREDENTIALS,
    maxAttempts: 1,
  });
  const acknowledged: string[] = [];
  const refused: string[] = [];
  const inFlight = new Set<Promise<void>>();
  let sequence = 0;
  const sendOne = (): void => {
    const n = ++sequence;
    const sent = client
      .send(
        new PutEventsCommand({
          Entries: [
            {
              EventBusName: 'soleil-local',
              Source: 'soleil.auth',
              DetailType: 'auth.user_logged_in',
              Detail: JSON.stringify({ metadata: { load: n }, data: {} }),
            },
          ],
        }),
      )
      .then(
        (result) => {
          const id = result.Entries?.[0]?.EventId;
          if (id) acknowledged.push(id);
          else refused.push(result.Entries?.[0]?.ErrorCode ?? 'no id');
        },
        (error: { name: string; $metadata?: { httpStatusCode?: number } }) => {
          refused.push(`${error.name} ${error.$metadata?.httpStatusCode ?? ''}`);
        },
      )
      .finally(() => inFlight.delete(sent));
    inFlight.add(sent);
  };
  const timer = setInterval(() => {
    for (let i = 0; i < 10; i++) sendOne();
  }, 50);
  return {
    acknowledged,
    refused,
    stop: async () => {
      clearInterval(timer);
      await Promise.allSettled([...inFlight]);
      client.destroy();
    },
  };
};

/** The dev-login route allows 5 requests a second (its manifest's throttle): the loop stays under it. */
const SIGN_IN_INTERVAL_MS = 250;

/** Signs in (dev-login) one user after another, keeping each answer's status and the sessions granted. */
const signInLoad = (httpUrl: string) => {
  const statuses: number[] = [];
  const sessions: string[] = [];
  const unreachable: string[] = [];
  /** Answers other than 200, 429 and 503, whole, for the message of a failing test. */
  const unexpected: string[] = [];
  let running = true;
  let n = 0;
  const loop = (async () => {
    while (running) {
      try {
        const response = await fetch(`${httpUrl}/api/auth/dev-login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: `crash-${++n}@example.com`, name: 'Crash' }),
          signal: AbortSignal.timeout(20_000),
        });
        statuses.push(response.status);
        const text = await response.text();
        if (![200, 429, 503].includes(response.status)) {
          unexpected.push(`${new Date().toISOString()} ${response.status} ${text.slice(0, 500)}`);
        }
        const granted =
          response.status === 200 ? (JSON.parse(text) as { sessionId?: string }).sessionId : undefined;
        if (granted) sessions.push(granted);
      } catch (error) {
        unreachable.push((error as Error).name);
      }
      await new Promise((resolve) => setTimeout(resolve, SIGN_IN_INTERVAL_MS));
    }
  })();
  return {
    statuses,
    sessions,
    unreachable,
    unexpected,
    stop: async () => {
      running = false;
      await loop;
    },
  };
};

const countOf = (statuses: readonly number[]): Record<number, number> => {
  const counts: Record<number, number> = {};
  for (const status of statuses) counts[status] = (counts[status] ?? 0) + 1;
  return counts;
};

const delivered = (): { ids: Set<string>; sessions: Set<string> } => {
  const lines = existsSync(recorderLog) ? readFileSync(recorderLog, 'utf8').split('\n') : [];
  const ids = new Set<string>();
  const sessions = new Set<string>();
  for (const line of lines) {
    const [id, session] = line.split(' ');
    if (id) ids.add(id);
    if (session && session !== '-') sessions.add(session);
  }
  return { ids, sessions };
};

describe('embedded platform under load: DynamoDB Local killed, then the platform killed', () => {
  it('answers 503 (never 500) while DynamoDB Local is down, recovers by itself, and loses nothing it acknowledged', async () => {
    const ports = await freePlatformPorts();
    const start = () =>
      startPlatformProcess({
        ports,
        dataDir,
        env: { SOLEIL_FUNCTIONS_DIR: modules.functionsDir, [RECORDER_LOG_ENV]: recorderLog },
      });
    const first = await start();
    running.push(first);
    const health = `${first.urls.http}/api/system/health`;
    // The first poll runs at start, cold starts included.
    await until(
      'health 200 after the start',
      async () => ((await get(health)) as Answer).status === 200 || undefined,
      180_000,
    );

    // dev-login's first call is a cold start; on a loaded machine its init can pass Lambda's 10 s, which the
    // gateway answers 500 as AWS does. That is no outage: it is warmed before its answers are counted.
    await until(
      'a first sign-in',
      async () => {
        const response = await fetch(`${first.urls.http}/api/auth/dev-login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: 'warm-up@example.com' }),
        }).catch(() => undefined);
        await response?.arrayBuffer();
        return response?.status === 200 || undefined;
      },
      120_000,
      500,
    );
    const events = eventLoad(first.urls.aws);
    const signIns = signInLoad(first.urls.http);
    await until('sign-ins under load', () => signIns.sessions.length >= 3 || undefined);

    // 1. DynamoDB Local dies — and keeps dying (each JVM the supervisor restarts is killed too) until the
    // health route says so: it reuses its catalog read for 5 s, and an idle machine restarts the JVM faster.
    const jvm = jvmPid();
    const killed = [jvm];
    process.kill(jvm, 'SIGKILL');
    const killer = setInterval(() => {
      const restarted = existsSync(path.join(dataDir, DYNAMODB_PID_FILE)) ? jvmPid() : undefined;
      if (restarted !== undefined && !killed.includes(restarted) && isAlive(restarted)) {
        killed.push(restarted);
        process.kill(restarted, 'SIGKILL');
      }
    }, 50);
    const outage = await until('health 503 during the outage', async () => {
      const answer = await get(health);
      return typeof answer !== 'string' && answer.status === 503 ? answer : undefined;
    }).finally(() => clearInterval(killer));
    expect(outage.contentType).toBe('application/problem+json');
    expect(Number(outage.retryAfter)).toBeGreaterThan(0);
    await first.waitForLine(/exited unexpectedly \(killed by SIGKILL\)/);
    // The restart after the last kill: the JVM then running is not one the test killed.
    await until(
      'DynamoDB Local back after the last kill',
      () => {
        const pid = existsSync(path.join(dataDir, DYNAMODB_PID_FILE)) ? jvmPid() : undefined;
        return pid !== undefined &&
          !killed.includes(pid) &&
          first.lines.some((l) => l.includes(`is back (pid ${pid},`))
          ? pid
          : undefined;
      },
      120_000,
    );
    const backAt = Date.now();
    await until(
      'health 200 after the restart',
      async () => ((await get(health)) as Answer).status === 200 || undefined,
    );
    const signedInBefore = signIns.sessions.length;
    await until('a sign-in after the restart', () => signIns.sessions.length > signedInBefore || undefined);
    expect(Date.now() - backAt, 'recovered within 10 s of the restart').toBeLessThan(10_000);
    expect(signIns.statuses, 'sign-ins were refused while DynamoDB Local was down').toContain(503);
    expect(killed).not.toContain(jvmPid());

    // 2. The whole platform dies, mid-load.
    await until('more load', () => events.acknowledged.length > 800 || undefined);
    const restartedJvm = jvmPid();
    first.child.kill('SIGKILL');
    await first.exited;
    running.pop();
    await new Promise((resolve) => setTimeout(resolve, 300));
    await Promise.all([events.stop(), signIns.stop()]);
    // Its JVM dies with it: the next start finds the port free.
    await until('the JVM to die with the platform', () => !isAlive(restartedJvm) || undefined, 10_000, 50);

    const second = await start();
    running.push(second);
    const acknowledged = new Set(events.acknowledged);
    const sessions = new Set(signIns.sessions);
    await until(
      `every acknowledged event delivered (${acknowledged.size} events, ${sessions.size} sign-ins)`,
      () => {
        const { ids, sessions: seen } = delivered();
        const missing = [...acknowledged].filter((id) => !ids.has(id)).length;
        const missingSessions = [...sessions].filter((s) => !seen.has(s)).length;
        return missing + missingSessions === 0 || undefined;
      },
      60_000,
      200,
    );
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
    running.pop();

    const archived = new Set(
      readFileSync(path.join(dataDir, 'archive.jsonl'), 'utf8')
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => (JSON.parse(line) as { event: { id: string } }).event.id),
    );
    const notArchived = [...acknowledged].filter((id) => !archived.has(id));
    expect(notArchived, `of ${acknowledged.size} acknowledged events`).toEqual([]);
    // Every answer was a success, a 503 while DynamoDB Local was down, or at worst the route's throttle (429):
    // never a 500.
    expect(signIns.unexpected, first.lines.join('\n')).toEqual([]);
    expect(existsSync(path.join(dataDir, DYNAMODB_PID_FILE)), 'a clean stop removes the pid file').toBe(
      false,
    );
    console.log(
      `crash recovery: ${acknowledged.size} PutEvents acknowledged, all archived and delivered; ` +
        `${sessions.size} sign-ins delivered; sign-in answers ${JSON.stringify(countOf(signIns.statuses))}, ` +
        `${signIns.unreachable.length} cut by the kill; ${events.refused.length} PutEvents refused or cut by it`,
    );
  }, 600_000);
});
