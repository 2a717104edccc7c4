import '../../../../helpers/quietPowertools.ts';
import {
  ApiGatewayManagementApiClient,
  DeleteConnectionCommand,
  ForbiddenException,
  GetConnectionCommand,
  GoneException,
  LimitExceededException,
  PostToConnectionCommand,
} from '@aws-sdk/client-apigatewaymanagementapi';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RUNTIME_ENV } from '../../../../../shared/contracts/platformEnvironment.ts';
import {
  ConnectionApiError,
  ConnectionNotifier,
  MAX_BROADCAST_CONCURRENCY,
  MissingRuntimeConfigError,
  WebSocketMessageTooLargeError,
} from '../../../../../shared/runtime/index.ts';

const management = mockClient(ApiGatewayManagementApiClient);
const client = new ApiGatewayManagementApiClient({
  region: 'eu-west-1',
  endpoint: 'https://ws.example.com/live',
});
const notifier = new ConnectionNotifier({ client });

const gone = () => new GoneException({ message: 'Gone', $metadata: { httpStatusCode: 410 } });
const decoded = (call: number) =>
  new TextDecoder().decode(
    management.commandCalls(PostToConnectionCommand)[call]?.args[0].input.Data as Uint8Array,
  );

beforeEach(() => management.reset());

describe('ConnectionNotifier.send', () => {
  it('posts the JSON-encoded message to the connection', async () => {
    management.on(PostToConnectionCommand).resolves({});
    expect(await notifier.send('conn-a=', { type: 'joined', bandId: 'band-1' })).toBe('sent');
    const input = management.commandCalls(PostToConnectionCommand)[0]?.args[0].input;
    expect(input?.ConnectionId).toBe('conn-a=');
    expect(JSON.parse(decoded(0))).toEqual({ type: 'joined', bandId: 'band-1' });
  });

  it("answers 'gone' for a 410 GoneException", async () => {
    management.on(PostToConnectionCommand).rejects(gone());
    expect(await notifier.send('conn-gone=', { hi: 1 })).toBe('gone');
  });

  it('throws a ConnectionApiError for any other failure, telling throttling from a lasting refusal', async () => {
    management
      .on(PostToConnectionCommand, { ConnectionId: 'throttled=' })
      .rejects(new LimitExceededException({ message: 'slow down', $metadata: { httpStatusCode: 429 } }))
      .on(PostToConnectionCommand, { ConnectionId: 'forbidden=' })
      .rejects(new ForbiddenException({ message: 'no', $metadata: { httpStatusCode: 403 } }));
    const throttled = await notifier.send('throttled=', {}).catch((e: unknown) => e);
    expect(throttled).toBeInstanceOf(ConnectionApiError);
    expect(throttled).toMatchObject({
      connectionId: 'throttled=',
      operation: 'PostToConnection',
      awsErrorName: 'LimitExceededException',
      retryable: true,
    });
    const forbidden = await notifier.send('forbidden=', {}).catch((e: unknown) => e);
    expect(forbidden).toMatchObject({ awsErrorName: 'ForbiddenException', retryable: false });
  });

  it('refuses a message above 128 KB once encoded, before calling API Gateway', async () => {
    // 50,000 three-byte characters: 150 KB of UTF-8 in a 50,000-character string.
    const error = await notifier.send('conn-a=', { text: '€'.repeat(50_000) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WebSocketMessageTooLargeError);
    expect((error as WebSocketMessageTooLargeError).bytes).toBeGreaterThan(128 * 1024);
    expect(management.commandCalls(PostToConnectionCommand)).toHaveLength(0);
  });

  it('accepts a message of exactly 128 KB', async () => {
    management.on(PostToConnectionCommand).resolves({});
    // JSON of a string adds its two quotes.
    expect(await notifier.send('conn-a=', 'x'.repeat(128 * 1024 - 2))).toBe('sent');
  });
});

describe('ConnectionNotifier.broadcast', () => {
  it('splits the connections into sent, gone and failed, in the order given, each sent once', async () => {
    management
      .on(PostToConnectionCommand)
      .resolves({})
      .on(PostToConnectionCommand, { ConnectionId: 'b=' })
      .rejects(gone())
      .on(PostToConnectionCommand, { ConnectionId: 'd=' })
      .rejects(gone())
      .on(PostToConnectionCommand, { ConnectionId: 'e=' })
      .rejects(new LimitExceededException({ message: 'slow', $metadata: { httpStatusCode: 429 } }));
    const result = await notifier.broadcast(['a=', 'b=', 'c=', 'd=', 'e=', 'a='], {
      type: 'content.updated',
      seq: 7,
    });
    expect(result.sent).toEqual(['a=', 'c=']);
    expect(result.gone).toEqual(['b=', 'd=']);
    expect(result.failed.map((f) => f.connectionId)).toEqual(['e=']);
    expect(result.failed[0]?.error).toBeInstanceOf(ConnectionApiError);
    expect(management.commandCalls(PostToConnectionCommand)).toHaveLength(5);
    expect(JSON.parse(decoded(0))).toEqual({ type: 'content.updated', seq: 7 });
  });

  it('keeps at most `concurrency` pushes in flight', async () => {
    let inFlight = 0;
    let peak = 0;
    management.on(PostToConnectionCommand).callsFake(async () => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight -= 1;
      return {};
    });
    const ids = Array.from({ length: 25 }, (_, i) => `conn-${i}=`);
    const result = await notifier.broadcast(ids, { n: 1 }, { concurrency: 3 });
    expect(result.sent).toHaveLength(25);
    expect(peak).toBe(3);
  });

  it('never keeps more pushes in flight than its client has sockets for, whatever is asked', async () => {
    let inFlight = 0;
    let peak = 0;
    management.on(PostToConnectionCommand).callsFake(async () => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight -= 1;
      return {};
    });
    const ids = Array.from({ length: MAX_BROADCAST_CONCURRENCY * 3 }, (_, i) => `conn-${i}=`);
    const result = await notifier.broadcast(ids, { n: 1 }, { concurrency: 10_000 });
    expect(result.sent).toHaveLength(ids.length);
    expect(peak).toBe(MAX_BROADCAST_CONCURRENCY);
  });

  it('refuses an oversize message before sending to anyone', async () => {
    await expect(notifier.broadcast(['a=', 'b='], { blob: 'x'.repeat(131_072) })).rejects.toBeInstanceOf(
      WebSocketMessageTooLargeError,
    );
    expect(management.commandCalls(PostToConnectionCommand)).toHaveLength(0);
  });

  it('refuses a concurrency that is not a positive integer', async () => {
    await expect(notifier.broadcast(['a='], {}, { concurrency: 0 })).rejects.toBeInstanceOf(RangeError);
  });
});

describe('ConnectionNotifier.info and disconnect', () => {
  it('reports a live connection and undefined for a gone one', async () => {
    const connectedAt = new Date('2025-01-01T00:00:00Z');
    management
      .on(GetConnectionCommand, { ConnectionId: 'live=' })
      .resolves({ ConnectedAt: connectedAt, Identity: { SourceIp: '10.0.0.1', UserAgent: 'band-app' } })
      .on(GetConnectionCommand, { ConnectionId: 'gone=' })
      .rejects(gone());
    expect(await notifier.info('live=')).toMatchObject({
      connectedAt,
      sourceIp: '10.0.0.1',
      userAgent: 'band-app',
    });
    expect(await notifier.info('gone=')).toBeUndefined();
  });

  it("closes a connection, 'gone' when it was closed already", async () => {
    management
      .on(DeleteConnectionCommand, { ConnectionId: 'live=' })
      .resolves({})
      .on(DeleteConnectionCommand, { ConnectionId: 'gone=' })
      .rejects(gone());
    expect(await notifier.disconnect('live=')).toBe('closed');
    expect(await notifier.disconnect('gone=')).toBe('gone');
  });
});

describe('ConnectionNotifier endpoint', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('says which variable is missing when neither a client, an endpoint nor the variable is given', async () => {
    vi.stubEnv(RUNTIME_ENV.managementApiEndpoint, '');
    await expect(new ConnectionNotifier().send('a=', {})).rejects.toBeInstanceOf(MissingRuntimeConfigError);
  });

  it('takes the endpoint from the standard variable the renderers set', async () => {
    vi.stubEnv(RUNTIME_ENV.managementApiEndpoint, 'https://api123.execute-api.eu-west-1.amazonaws.com/live');
    management.on(GetConnectionCommand).resolves({});
    // mockClient patches every instance's send: the notifier's own client is the mocked one (pushes of its
    // own go out as signed requests: SignedConnectionPoster.test.ts).
    await new ConnectionNotifier().info('a=');
    const [call] = management.commandCalls(GetConnectionCommand);
    const endpoint = await (
      call?.thisValue as ApiGatewayManagementApiClient | undefined
    )?.config.endpoint?.();
    expect(endpoint?.hostname).toBe('api123.execute-api.eu-west-1.amazonaws.com');
  });
});
