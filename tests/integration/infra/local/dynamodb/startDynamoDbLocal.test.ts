import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type DynamoDbLocal,
  startDynamoDbLocal,
} from '../../../../../infra/local/dynamodb/startDynamoDbLocal.ts';
import { LOCAL_AWS_CREDENTIALS, LOCAL_AWS_REGION } from '../../../../../infra/local/shared/localNames.ts';
import { sendHttpRequest } from '../../../../unit/infra/local/http/sendHttpRequest.ts';

/** This machine's addresses other machines could use to reach it. */
const outwardAddresses = Object.entries(networkInterfaces()).flatMap(([name, addresses]) =>
  (addresses ?? [])
    .filter((a) => !a.internal)
    // A link-local IPv6 address is reachable only through its interface, named after the %.
    .map((a) => (a.family === 'IPv6' && a.scopeid ? `${a.address}%${name}` : a.address)),
);

/** How a TCP connection attempt ends: `connected`, or the error code (ECONNREFUSED when nothing listens). */
const tryConnect = (host: string, port: number): Promise<string> =>
  new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 3_000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve('timeout');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });

describe('DynamoDB Local as the embedded platform starts it', () => {
  let dynamo: DynamoDbLocal;
  beforeAll(async () => {
    dynamo = await startDynamoDbLocal();
  }, 120_000);
  afterAll(() => dynamo?.stop());

  it('answers on loopback', async () => {
    const client = new DynamoDBClient({
      endpoint: dynamo.endpoint,
      region: LOCAL_AWS_REGION,
      credentials: LOCAL_AWS_CREDENTIALS,
    });
    expect((await client.send(new ListTablesCommand({}))).TableNames).toEqual([]);
    client.destroy();
    expect(await tryConnect('127.0.0.1', dynamo.port)).toBe('connected');
  });

  it.skipIf(outwardAddresses.length === 0)(
    "refuses connections to the machine's other addresses: nothing listens there",
    async () => {
      for (const address of outwardAddresses) {
        expect([address, await tryConnect(address, dynamo.port)]).toEqual([address, 'ECONNREFUSED']);
      }
    },
  );

  it('refuses (403) a request naming another host (DNS rebinding) or sent by a web page (Origin)', async () => {
    const listTables = (headers: Record<string, string>) =>
      sendHttpRequest(dynamo.port, {
        method: 'POST',
        path: '/',
        headers: {
          'content-type': 'application/x-amz-json-1.0',
          'x-amz-target': 'DynamoDB_20120810.ListTables',
          ...headers,
        },
        body: '{}',
      });
    expect((await listTables({ host: `evil.example:${dynamo.port}` })).status).toBe(403);
    expect((await listTables({ host: `127.0.0.1:${dynamo.port + 1}` })).status).toBe(403);
    const fromPage = await listTables({ host: `localhost:${dynamo.port}`, origin: 'http://localhost:5173' });
    expect(fromPage.status).toBe(403);
    expect(fromPage.body).not.toContain('TableNames');
  });
});
