import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient, PutEventsCommand, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { localAwsFetch } from '../../../../infra/local/aws/localAwsFetch.ts';
import { LOCAL_AWS_CREDENTIALS, LOCAL_AWS_REGION } from '../../../../infra/local/shared/localNames.ts';
import type { EmbeddedPlatform } from '../../../../infra/local/startPlatform.ts';
import { ProbeListener } from '../../../fixtures/modules-local/ProbeListener.ts';
import { startTestPlatform } from '../../../helpers/startTestPlatform.ts';

let platform: EmbeddedPlatform;
let events: EventBridgeClient;
let lambda: LambdaClient;
const probes = new ProbeListener();

beforeAll(async () => {
  // sync-tick declares timeoutSeconds: 1 in its manifest: the runner takes the timeout from the model.
  // The fixture platform has no authorizer module: its WebSocket edge accepts $connect only when told to.
  platform = await startTestPlatform({ webSocket: { allowUnauthenticated: true } });
  const config = {
    endpoint: platform.urls.aws,
    region: LOCAL_AWS_REGION,
    credentials: LOCAL_AWS_CREDENTIALS,
  };
  events = new EventBridgeClient(config);
  lambda = new LambdaClient(config);
});

afterAll(async () => {
  events?.destroy();
  lambda?.destroy();
  probes.close();
  await platform?.stop();
});

beforeEach(() => probes.clear());

const driveEvent = (
  name: 'drive.file_added' | 'drive.file_changed',
  file: { fileId: string; sizeBytes: number },
  eventId = randomUUID(),
): PutEventsRequestEntry => {
  const bandId = 'b-beatles';
  const libraryFile = {
    fileId: file.fileId,
    name: `${file.fileId}.pdf`,
    mimeType: 'application/pdf',
    sizeBytes: file.sizeBytes,
    modifiedAt: '2026-01-01T10:00:00.000Z',
    folderId: null,
    checksum: null,
  };
  const data =
    name === 'drive.file_added'
      ? { bandId, file: libraryFile }
      : { bandId, file: libraryFile, previousName: null, changes: ['content'] };
  return {
    EventBusName: 'soleil-local',
    Source: 'soleil.drive',
    DetailType: name,
    Detail: JSON.stringify({
      metadata: {
        eventId,
        schemaVersion: 1,
        correlationId: `test-${eventId}`,
        causationId: null,
        occurredAt: new Date().toISOString(),
        hop: 0,
        bandId,
        producer: 'drive',
      },
      data,
    }),
  };
};

const put = async (...entries: PutEventsRequestEntry[]) => {
  const result = await events.send(new PutEventsCommand({ Entries: entries }));
  expect(result.FailedEntryCount).toBe(0);
  return result;
};

describe('embedded platform: events', () => {
  it('delivers a published event to every matching subscriber and no other', async () => {
    await put(driveEvent('drive.file_added', { fileId: 'small', sizeBytes: 10 }));
    await put(driveEvent('drive.file_added', { fileId: 'big', sizeBytes: 5_000_000 }));
    await probes.until(
      (p) => p.of('content-onFileAdded').length === 2 && p.of('sync-onBigFile').length === 1,
    );
    await platform.router.idle();
    const fileIds = (probe: string) => probes.of(probe).map((r) => (r.data as { fileId: string }).fileId);
    expect(fileIds('content-onFileAdded').sort()).toEqual(['big', 'small']);
    expect(fileIds('sync-onBigFile')).toEqual(['big']);
    expect(probes.of('content-onFileChanged')).toHaveLength(0);
  });

  it('runs the handler once for a duplicate delivery of the same event', async () => {
    const eventId = randomUUID();
    const entry = driveEvent('drive.file_added', { fileId: 'twice', sizeBytes: 1 }, eventId);
    await put(entry, entry);
    await put(entry);
    await probes.until((p) => p.of('content-onFileAdded').length >= 1);
    await platform.router.idle();
    expect(
      probes.of('content-onFileAdded').filter((r) => (r.data as { eventId: string }).eventId === eventId),
    ).toHaveLength(1);
  });

  it('retries a failing subscriber, dead-letters the event, and a redrive delivers it', async () => {
    const eventId = randomUUID();
    await put(driveEvent('drive.file_changed', { fileId: 'flaky', sizeBytes: 1 }, eventId));
    await probes.until(() => platform.deadLetters.list('content-onFileChanged').length === 1);
    // maxRetries 2: the first attempt and two retries.
    expect(probes.of('content-onFileChanged')).toHaveLength(3);
    // The kit reports the failed record (batchItemFailures) as AWS's queue mapping expects; the handler's
    // error itself is in the function's log, as in AWS, where the DLQ holds only the message.
    expect(platform.deadLetters.list('content-onFileChanged')[0]).toMatchObject({
      errorType: 'Local.BatchItemFailure',
      errorMessage: expect.stringContaining('batchItemFailures'),
      exhaustedRetryCondition: 'MaximumRetryAttempts',
      retryAttempts: 2,
    });

    const dynamo = DynamoDBDocumentClient.from(
      new DynamoDBClient({
        endpoint: platform.urls.dynamodb,
        region: LOCAL_AWS_REGION,
        credentials: LOCAL_AWS_CREDENTIALS,
      }),
    );
    await dynamo.send(
      new PutCommand({ TableName: 'soleil-content-switches', Item: { name: 'fileChanged', on: true } }),
    );
    dynamo.destroy();

    const redrive = await localAwsFetch(`${platform.urls.aws}/_soleil/dlq/redrive`, {
      body: JSON.stringify({ rule: 'content-onFileChanged' }),
    });
    expect(await redrive.json()).toEqual({ redriven: 1 });
    await probes.until((p) => p.of('content-onFileChanged').some((r) => (r.data as { on: boolean }).on));
    await platform.router.idle();
    expect(platform.deadLetters.list()).toHaveLength(0);
    expect(probes.of('content-onFileChanged').at(-1)?.data).toEqual({ eventId, on: true });
  });

  it('enforces the PutEvents entry limit for the real SDK', async () => {
    const entries = Array.from({ length: 11 }, () =>
      driveEvent('drive.file_added', { fileId: 'x', sizeBytes: 1 }),
    );
    await expect(events.send(new PutEventsCommand({ Entries: entries }))).rejects.toMatchObject({
      name: 'ValidationException',
    });
  });
});

describe('embedded platform: HTTP, services, functions', () => {
  it('routes an HTTP request to its handler as a payload 2.0 event, whose publish reaches the subscribers', async () => {
    const response = await fetch(`${platform.urls.http}/api/drive/bands/b-stones/files`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ fileId: 'via-http', name: 'Angie.pdf', sizeBytes: 42 }),
    });
    expect(response.status).toBe(202);
    const eventId = (await response.json()) as string;
    expect(probes.of('drive-addFile')[0]?.data).toEqual({
      version: '2.0',
      routeKey: 'POST /api/drive/bands/{bandId}/files',
      rawPath: '/api/drive/bands/b-stones/files',
      method: 'POST',
    });
    await probes.until((p) => p.of('content-onFileAdded').length === 1);
    expect(probes.of('content-onFileAdded')[0]?.data).toEqual({ eventId, fileId: 'via-http' });
  });

  it('calls a service through the catalog and Lambda Invoke', async () => {
    const response = await fetch(`${platform.urls.http}/api/content/users/u-ringo`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      user: { userId: 'u-ringo', email: 'ringo@example.com', name: 'Ringo', instruments: ['drums'] },
    });
    expect(probes.of('auth-userService')[0]?.data).toEqual({ userId: 'u-ringo', caller: 'content' });
  });

  it('ends a stuck invocation with a Lambda timeout, and the next one runs in a fresh container', async () => {
    const before = probes.of('sync-tick').length;
    const stuck = await lambda.send(
      new InvokeCommand({ FunctionName: 'sync-tick', Payload: new TextEncoder().encode('{"spinMs":10000}') }),
    );
    expect(stuck.FunctionError).toBe('Unhandled');
    expect(JSON.parse(new TextDecoder().decode(stuck.Payload))).toMatchObject({
      errorType: 'Sandbox.Timedout',
      errorMessage: 'Task timed out after 1.00 seconds',
    });
    await platform.schedules.trigger('sync-tick');
    // Each container's report crosses threads on a channel of its own: the fresh one's may land after the
    // trigger returns, so wait for both this case's reports (the stuck run's, then the scheduled one's).
    await probes.until((p) => p.of('sync-tick').length >= before + 2);
    expect(
      probes
        .of('sync-tick')
        .slice(before)
        .map((r) => r.data),
    ).toEqual([{ detailType: null }, { detailType: 'Scheduled Event' }]);
  });

  it('routes a WebSocket message to its handler, which answers through @connections', async () => {
    const socket = new WebSocket(platform.urls.ws);
    await new Promise((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });
    const reply = new Promise<string>((resolve) =>
      socket.once('message', (data) => resolve(data.toString())),
    );
    socket.send(JSON.stringify({ action: 'echo', text: 'hello band' }));
    expect(JSON.parse(await reply)).toEqual({ echo: 'hello band' });
    socket.close();
  });
});
