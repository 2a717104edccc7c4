import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { runDlqCommand } from '../../../../infra/local/cli/dlqCommand.ts';
import { LOCAL_AWS_CREDENTIALS, LOCAL_AWS_REGION } from '../../../../infra/local/shared/localNames.ts';
import type { EmbeddedPlatform } from '../../../../infra/local/startPlatform.ts';
import type { PendingWork } from '../../../../infra/local/work/PendingWorkStore.ts';
import { ProbeListener } from '../../../fixtures/modules-local/ProbeListener.ts';
import { startTestPlatform } from '../../../helpers/startTestPlatform.ts';

// `npm start` twice on one data dir: a stop under load saves what it could not finish, the next start
// resumes it. Two platforms in sequence (two DynamoDB Local starts), so one test.
const dataDir = mkdtempSync(path.join(tmpdir(), 'soleil-shutdown-'));
const probes = new ProbeListener();
const running: EmbeddedPlatform[] = [];
afterAll(async () => {
  probes.close();
  for (const platform of running) await platform.stop().catch(() => undefined);
  rmSync(dataDir, { recursive: true, force: true });
});

const clients = (platform: EmbeddedPlatform) => {
  const config = {
    endpoint: platform.urls.aws,
    region: LOCAL_AWS_REGION,
    credentials: LOCAL_AWS_CREDENTIALS,
  };
  return { events: new EventBridgeClient(config), lambda: new LambdaClient(config) };
};

const fileChanged = (eventId: string) => ({
  EventBusName: 'soleil-local',
  Source: 'soleil.drive',
  DetailType: 'drive.file_changed',
  Detail: JSON.stringify({
    metadata: {
      eventId,
      schemaVersion: 1,
      correlationId: `shutdown-${eventId}`,
      causationId: null,
      occurredAt: new Date().toISOString(),
      hop: 0,
      bandId: 'b-beatles',
      producer: 'drive',
    },
    data: {
      bandId: 'b-beatles',
      file: {
        fileId: 'f-1',
        name: 'Help.pdf',
        mimeType: 'application/pdf',
        sizeBytes: 1,
        modifiedAt: '2026-01-01T10:00:00.000Z',
        folderId: null,
        checksum: null,
      },
      previousName: null,
      changes: ['content'],
    },
  }),
});

describe('embedded platform: stop under load', () => {
  it('saves a waiting retry and a running async invocation, and the next start resumes both', async () => {
    // A first retry 30 s away: the stop finds the failed delivery waiting for it.
    const first = await startTestPlatform({
      dataDir,
      retry: { random: () => 1, baseDelayMs: 30_000 },
      shutdownDrainMs: 200,
      // Longer than the model's 1 s here, so the invocation surely still runs when the stop comes.
      functionTimeoutMs: { 'sync-tick': 20_000 },
    });
    running.push(first);
    const { events, lambda } = clients(first);
    const eventId = randomUUID();
    await events.send(new PutEventsCommand({ Entries: [fileChanged(eventId)] }));
    await probes.until((p) => p.of('content-onFileChanged').length === 1);
    // The first attempt has failed and its retry waits (on a loaded machine the failure may come late: flipped
    // before it, the first attempt would succeed; during the stop, it would be kept as attempt 1).
    const deadline = Date.now() + 30_000;
    while (!(first.router.runningCount === 0 && first.router.pendingCount === 1) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    // The switch that makes content-onFileChanged succeed, in DynamoDB Local's files under the data dir.
    const dynamo = DynamoDBDocumentClient.from(
      new DynamoDBClient({
        endpoint: first.urls.dynamodb,
        region: LOCAL_AWS_REGION,
        credentials: LOCAL_AWS_CREDENTIALS,
      }),
    );
    await dynamo.send(
      new PutCommand({ TableName: 'soleil-content-switches', Item: { name: 'fileChanged', on: true } }),
    );
    dynamo.destroy();
    // Spins 3 s: still running when the stop's 200 ms drain ends.
    const invoked = await lambda.send(
      new InvokeCommand({
        FunctionName: 'sync-tick',
        InvocationType: 'Event',
        Payload: new TextEncoder().encode('{"spinMs":3000}'),
      }),
    );
    expect(invoked.StatusCode).toBe(202);
    await probes.until((p) => p.of('sync-tick').length === 1);
    events.destroy();
    lambda.destroy();
    await first.stop();
    running.pop();

    const saved = JSON.parse(readFileSync(path.join(dataDir, 'pending.json'), 'utf8')) as PendingWork;
    expect(saved.deliveries).toEqual([
      expect.objectContaining({
        attempt: 2,
        ruleId: 'content-onFileChanged',
        event: expect.objectContaining({ source: 'soleil.drive' }),
      }),
    ]);
    expect(saved.asyncInvocations).toEqual([
      expect.objectContaining({ functionId: 'sync-tick', payload: { spinMs: 3000 }, attempt: 1 }),
    ]);

    probes.clear();
    const second = await startTestPlatform({ dataDir, retry: { timeScale: 0.001 }, shutdownDrainMs: 200 });
    running.push(second);
    await probes.until((p) => p.of('content-onFileChanged').length === 1);
    expect(probes.of('content-onFileChanged')[0]?.data).toEqual({ eventId, on: true });
    // Resumed under the model's 1 s timeout, it times out: two retries on the scaled clock, then a dead letter.
    await probes.until(() => second.deadLetters.list('lambda:sync-tick').length === 1, 15_000);
    expect(probes.of('sync-tick')).toHaveLength(3);
    const listed = await runDlqCommand(['list', 'lambda:sync-tick'], second.urls.aws);
    expect(listed[0]).toContain('lambda:sync-tick  payload {"spinMs":3000}  Sandbox.Timedout');
    expect(listed[0]).toContain('(MaximumRetryAttempts, 2 retries)');
    expect(await runDlqCommand(['redrive', 'lambda:sync-tick'], second.urls.aws)).toEqual([
      'Redriven 1 dead letter of lambda:sync-tick.',
    ]);
    await probes.until((p) => p.of('sync-tick').length === 4);
    await second.stop();
    running.pop();
    // The redriven invocation was still running or retrying at that stop: saved again, not lost.
    expect(existsSync(path.join(dataDir, 'pending.json'))).toBe(true);
  }, 60_000);
});
