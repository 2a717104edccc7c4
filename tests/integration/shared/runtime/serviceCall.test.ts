import '../../../helpers/quietPowertools.ts';
import type { Metrics } from '@aws-lambda-powertools/metrics';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { userService } from '../../../../shared/contracts/services/authServices.ts';
import type { ModuleEntry, ServiceEntry } from '../../../../shared/runtime/catalog/CatalogItems.ts';
import { DynamoDbServiceCatalogStore } from '../../../../shared/runtime/catalog/DynamoDbServiceCatalogStore.ts';
import {
  createServiceClient,
  NotFoundError,
  SERVICE_CALL_LATENCY_METRIC,
  ServiceCallError,
  ServiceUnavailableError,
  serviceHandler,
  UnknownServiceError,
  UpstreamTimeoutError,
  ValidationError,
} from '../../../../shared/runtime/index.ts';
import { lambdaContext } from '../../../helpers/httpEvents.ts';
import {
  createCatalogTable,
  type LocalDynamoDb,
  startLocalDynamoDb,
} from '../../../helpers/localDynamoDb.ts';

const TABLE = 'service-catalog';
const lambda = mockClient(LambdaClient);
let dynamo: LocalDynamoDb;
let store: DynamoDbServiceCatalogStore;

const moduleEntry = (name: string, overrides: Partial<ModuleEntry> = {}): ModuleEntry => ({
  name,
  version: '1.0.0',
  description: `${name} module`,
  critical: false,
  dependencies: [],
  publishes: [],
  subscribes: [],
  routes: [],
  services: [],
  healthFunction: `${name}-health`,
  status: 'unknown',
  checkedAt: null,
  latencyMs: null,
  detail: null,
  ...overrides,
});
const userServiceEntry: ServiceEntry = {
  module: 'auth',
  name: 'user_service',
  version: 1,
  operations: ['getUser', 'getMembership', 'listBandMembers'],
  functionName: 'auth-userService',
};

// The provider side, run in-process: what the mocked Lambda Invoke answers with.
const provider = serviceHandler(userService, {
  getUser: async ({ userId }) => ({
    user:
      userId === 'user-1'
        ? { userId, email: 'ana@example.com', name: 'Ana', instruments: ['trumpet' as const] }
        : null,
  }),
  getMembership: async ({ bandId }) => {
    throw new NotFoundError(`No band ${bandId}`);
  },
  listBandMembers: async () => ({ members: [] }),
});

const answerWithProvider = () =>
  lambda.on(InvokeCommand).callsFake(async (input: { FunctionName: string; Payload: Uint8Array }) => {
    const payload = JSON.parse(new TextDecoder().decode(input.Payload));
    const response = await provider(payload, lambdaContext(input.FunctionName));
    return { StatusCode: 200, Payload: new TextEncoder().encode(JSON.stringify(response)) };
  });

const fakeMetrics = () => {
  const recorded: { dimensions: Record<string, string>; name: string; value: number }[] = [];
  const metrics = {
    singleMetric: () => {
      let dimensions: Record<string, string> = {};
      return {
        addDimensions: (d: Record<string, string>) => {
          dimensions = { ...dimensions, ...d };
        },
        addMetric: (name: string, _unit: string, value: number) => recorded.push({ dimensions, name, value }),
      };
    },
  } as unknown as Metrics;
  return { metrics, recorded };
};

const client = (options: { now?: () => number; metrics?: Metrics } = {}) =>
  createServiceClient({
    module: 'dashboard',
    uses: ['auth/user_service'],
    catalog: store,
    lambda: new LambdaClient({ region: 'eu-west-1' }),
    circuitBreaker: { failureThreshold: 3, coolDownMs: 10_000 },
    ...options,
  });

beforeAll(async () => {
  dynamo = await startLocalDynamoDb();
  await createCatalogTable(dynamo.client, TABLE);
  store = new DynamoDbServiceCatalogStore(dynamo.client, TABLE);
});

afterAll(async () => {
  await dynamo?.stop();
});

beforeEach(async () => {
  lambda.reset();
  vi.restoreAllMocks();
  await store.replaceAll({ modules: [moduleEntry('auth')], services: [userServiceEntry] });
});

describe('DynamoDbServiceCatalogStore', () => {
  it('replaceAll removes stale entries and keeps recorded health', async () => {
    await store.replaceAll({
      modules: [moduleEntry('auth'), moduleEntry('drive')],
      services: [userServiceEntry, { ...userServiceEntry, module: 'drive', name: 'old_service' }],
    });
    await store.recordHealth('auth', {
      status: 'ok',
      checkedAt: '2025-01-01T00:00:00.000Z',
      latencyMs: 12,
      detail: null,
    });
    await store.replaceAll({
      modules: [moduleEntry('auth', { version: '1.1.0' })],
      services: [userServiceEntry],
    });
    const modules = await store.listModules();
    expect(modules.map((m) => m.name)).toEqual(['auth']);
    expect(modules[0]).toMatchObject({ version: '1.1.0', status: 'ok', latencyMs: 12 });
    expect(await store.getService('drive', 'old_service')).toBeUndefined();
    expect(await store.getService('auth', 'user_service')).toEqual(userServiceEntry);
  });

  it('recordHealth refuses a module that is not in the catalog', async () => {
    await expect(
      store.recordHealth('ghost', {
        status: 'ok',
        checkedAt: '2025-01-01T00:00:00.000Z',
        latencyMs: 1,
        detail: null,
      }),
    ).rejects.toThrow();
    expect(await store.getModule('ghost')).toBeUndefined();
  });
});

describe('service calls through the catalog and Lambda Invoke', () => {
  it('looks the target up in the catalog, invokes it, validates and returns the output', async () => {
    answerWithProvider();
    const { metrics, recorded } = fakeMetrics();
    const output = await client({ metrics }).call(
      'auth',
      'user_service',
      'getUser',
      { userId: 'user-1' },
      {
        correlationId: 'corr-7',
      },
    );
    expect(output.user?.name).toBe('Ana');
    const invoke = lambda.commandCalls(InvokeCommand)[0]?.args[0].input;
    expect(invoke?.FunctionName).toBe('auth-userService');
    expect(invoke?.InvocationType).toBe('RequestResponse');
    expect(JSON.parse(new TextDecoder().decode(invoke?.Payload as Uint8Array))).toEqual({
      operation: 'getUser',
      input: { userId: 'user-1' },
      caller: 'dashboard',
      correlationId: 'corr-7',
    });
    expect(recorded).toEqual([
      expect.objectContaining({
        name: SERVICE_CALL_LATENCY_METRIC,
        dimensions: { target: 'auth.user_service', operation: 'getUser', outcome: 'ok' },
      }),
    ]);
  });

  it('caches the catalog entry: a second call does not read the catalog', async () => {
    answerWithProvider();
    const reads = vi.spyOn(store, 'getService');
    const services = client();
    await services.call('auth', 'user_service', 'getUser', { userId: 'user-1' });
    await services.call('auth', 'user_service', 'getUser', { userId: 'user-2' });
    expect(reads).toHaveBeenCalledTimes(1);
    expect(lambda.commandCalls(InvokeCommand)).toHaveLength(2);
  });

  it('reads the catalog again once the cache entry expired', async () => {
    answerWithProvider();
    let now = 0;
    const reads = vi.spyOn(store, 'getService');
    const services = createServiceClient({
      module: 'dashboard',
      uses: ['auth/user_service'],
      catalog: store,
      lambda: new LambdaClient({ region: 'eu-west-1' }),
      catalogTtlMs: 60_000,
      now: () => now,
    });
    await services.call('auth', 'user_service', 'getUser', { userId: 'user-1' });
    now = 60_001;
    await services.call('auth', 'user_service', 'getUser', { userId: 'user-1' });
    expect(reads).toHaveBeenCalledTimes(2);
  });

  it('refuses invalid input without invoking anything', async () => {
    answerWithProvider();
    await expect(client().call('auth', 'user_service', 'getUser', { userId: '' })).rejects.toBeInstanceOf(
      ValidationError,
    );
    expect(lambda.commandCalls(InvokeCommand)).toHaveLength(0);
  });

  it('refuses a service no contract declares', async () => {
    await expect(
      client().call('auth' as never, 'secret_service' as never, 'x' as never, {} as never),
    ).rejects.toBeInstanceOf(UnknownServiceError);
    expect(lambda.commandCalls(InvokeCommand)).toHaveLength(0);
  });

  it('keeps a provider 404 a 404 ServiceCallError', async () => {
    answerWithProvider();
    const error = await client()
      .call('auth', 'user_service', 'getMembership', { bandId: 'band-1', userId: 'user-1' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceCallError);
    expect(error).toMatchObject({ status: 404, type: 'not-found' });
  });

  it('turns a FunctionError into a 502 ServiceCallError', async () => {
    lambda.on(InvokeCommand).resolves({
      StatusCode: 200,
      FunctionError: 'Unhandled',
      Payload: new TextEncoder().encode('{"errorMessage":"boom"}') as never,
    });
    await expect(
      client().call('auth', 'user_service', 'getUser', { userId: 'user-1' }),
    ).rejects.toMatchObject({ name: 'ServiceCallError', status: 502 });
  });

  it('gives up after the timeout with UpstreamTimeoutError, not before', async () => {
    answerWithProvider();
    const services = client();
    // Warm the catalog cache with real timers, so the timed call below touches no I/O but the invoke.
    await services.call('auth', 'user_service', 'getUser', { userId: 'user-1' });

    let invoked!: () => void;
    const invokeStarted = new Promise<void>((resolve) => {
      invoked = resolve;
    });
    // An invoke that never answers: only the client's own timer can end the call.
    lambda.on(InvokeCommand).callsFake(() => {
      invoked();
      return new Promise(() => {});
    });
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const outcome = services
        .call('auth', 'user_service', 'getUser', { userId: 'user-1' }, { timeoutMs: 50 })
        .then(
          () => 'answered',
          (error: unknown) => error,
        );
      await invokeStarted;
      await vi.advanceTimersByTimeAsync(49);
      const early = await Promise.race([outcome, Promise.resolve('pending')]);
      expect(early).toBe('pending');
      await vi.advanceTimersByTimeAsync(1);
      expect(await outcome).toBeInstanceOf(UpstreamTimeoutError);
    } finally {
      vi.useRealTimers();
    }
  });

  it('opens the circuit after consecutive failures, then half-opens after the cool-down', async () => {
    let now = 1_000;
    lambda
      .on(InvokeCommand)
      .resolves({ StatusCode: 200, FunctionError: 'Unhandled', Payload: new Uint8Array() as never });
    const services = client({ now: () => now });
    const call = () => services.call('auth', 'user_service', 'getUser', { userId: 'user-1' });
    for (let i = 0; i < 3; i++) await expect(call()).rejects.toBeInstanceOf(ServiceCallError);
    expect(lambda.commandCalls(InvokeCommand)).toHaveLength(3);

    await expect(call()).rejects.toBeInstanceOf(ServiceUnavailableError);
    expect(lambda.commandCalls(InvokeCommand)).toHaveLength(3);

    now += 10_000;
    lambda.reset();
    answerWithProvider();
    await expect(call()).resolves.toMatchObject({ user: { userId: 'user-1' } });
    await expect(call()).resolves.toMatchObject({ user: { userId: 'user-1' } });
    expect(lambda.commandCalls(InvokeCommand)).toHaveLength(2);
  });

  it('does not open the circuit on provider 4xx answers', async () => {
    answerWithProvider();
    const services = client();
    for (let i = 0; i < 5; i++) {
      await expect(
        services.call('auth', 'user_service', 'getMembership', { bandId: 'b', userId: 'u' }),
      ).rejects.toMatchObject({ status: 404 });
    }
    await expect(
      services.call('auth', 'user_service', 'getUser', { userId: 'user-1' }),
    ).resolves.toBeDefined();
  });

  it('answers 503 for a service missing from the catalog', async () => {
    await store.replaceAll({ modules: [moduleEntry('auth')], services: [] });
    await expect(
      client().call('auth', 'user_service', 'getUser', { userId: 'user-1' }),
    ).rejects.toBeInstanceOf(ServiceUnavailableError);
  });
});
