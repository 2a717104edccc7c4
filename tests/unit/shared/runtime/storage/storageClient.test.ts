import { Readable } from 'node:stream';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, describe, expect, it } from 'vitest';
import {
  setCurrentCorrelationId,
  takeStorageCalls,
} from '../../../../../shared/runtime/observability/currentInvocation.ts';
import { documentClient } from '../../../../../shared/runtime/storage/documentClient.ts';
import { storageClient } from '../../../../../shared/runtime/storage/storageClient.ts';

/** An HTTP handler standing in for DynamoDB: answers each request after `delayMs`, with `status`. */
const fakeDynamoDb = (status: number, delayMs: number) => ({
  handle: async () => {
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    const body =
      status === 200 ? '{"Item":{"id":{"S":"x"}}}' : '{"__type":"ValidationException","message":"bad"}';
    return {
      response: {
        statusCode: status,
        headers: { 'content-type': 'application/x-amz-json-1.0' },
        body: Readable.from([Buffer.from(body)]),
      },
    };
  },
});

const clientAnswering = (status: number, delayMs: number) =>
  documentClient(
    storageClient({
      region: 'eu-west-1',
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
      endpoint: 'http://127.0.0.1:1',
      maxAttempts: 1,
      requestHandler: fakeDynamoDb(status, delayMs),
    }),
  );

afterEach(() => setCurrentCorrelationId(undefined));

describe('storageClient', () => {
  it("adds every request, a document client's and a failed one included, to the invocation's DynamoDB time", async () => {
    takeStorageCalls();
    const ok = clientAnswering(200, 15);
    await ok.send(new GetCommand({ TableName: 'things', Key: { id: 'x' } }));
    await ok.send(new GetCommand({ TableName: 'things', Key: { id: 'x' } }));
    await expect(
      clientAnswering(400, 5).send(new GetCommand({ TableName: 'things', Key: { id: 'x' } })),
    ).rejects.toThrow('bad');
    const tally = takeStorageCalls();
    expect(tally.calls).toBe(3);
    // Two answers of 15 ms and one of 5 at least (a timer may fire a fraction of a millisecond early).
    expect(tally.durationMs).toBeGreaterThanOrEqual(30);
    // Taken: the next reaction starts from nothing, as does a new invocation.
    expect(takeStorageCalls()).toEqual({ calls: 0, durationMs: 0 });
  });

  it('starts each invocation from nothing', async () => {
    await clientAnswering(200, 0).send(new GetCommand({ TableName: 'things', Key: { id: 'x' } }));
    setCurrentCorrelationId(undefined);
    expect(takeStorageCalls()).toEqual({ calls: 0, durationMs: 0 });
  });
});
