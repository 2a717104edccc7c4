import '../../../helpers/quietPowertools.ts';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import type { Context, ScheduledEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadPlatformModel } from '../../../../shared/platformModel/loadPlatformModel.ts';
import type { PlatformModel } from '../../../../shared/platformModel/PlatformModel.ts';
import { catalogEntriesFromModel } from '../../../../shared/runtime/catalog/catalogEntriesFromModel.ts';
import { DynamoDbServiceCatalogStore } from '../../../../shared/runtime/catalog/DynamoDbServiceCatalogStore.ts';
import { httpEvent, testIdentity } from '../../../helpers/httpEvents.ts';
import {
  createCatalogTable,
  type LocalDynamoDb,
  startLocalDynamoDb,
} from '../../../helpers/localDynamoDb.ts';

const CATALOG = 'core-test-catalog';
const context = { awsRequestId: 'req-1', functionName: 'core-test' } as Context;
const lambda = mockClient(LambdaClient);
const events = mockClient(EventBridgeClient);

let db: LocalDynamoDb;
let model: PlatformModel;
let store: DynamoDbServiceCatalogStore;
let handlers: {
  getHealth: typeof import('../../../../functions/core/handlers/getHealth.ts').handler;
  createHealthHandler: typeof import('../../../../functions/core/handlers/getHealth.ts').createHealthHandler;
  listModules: typeof import('../../../../functions/core/handlers/listModules.ts').handler;
  pollHealth: typeof import('../../../../functions/core/handlers/pollHealth.ts').handler;
  catalogService: typeof import('../../../../functions/core/handlers/catalogService.ts').handler;
};

const scheduled = { id: 'poll-1', source: 'aws.events', 'detail-type': 'Scheduled Event' } as ScheduledEvent;
// The SDK's Payload is a blob adapter; a plain Uint8Array is what the mock hands the probe either way.
const payload = (text: string) => new TextEncoder().encode(text) as never;
const healthReply = (status: string) => ({ Payload: payload(JSON.stringify({ status })) });
const bodyOf = (response: { body?: string }) => JSON.parse(response.body ?? 'null');
/**
 * The health route reuses its catalog read for a few seconds per container; a request after a poll is made
 * on a fresh container (same store, empty cache) so it sees what the poll wrote.
 */
const getHealthOnNewContainer = () =>
  handlers.createHealthHandler({ listModules: () => store.listModules() });

beforeAll(async () => {
  db = await startLocalDynamoDb();
  db.pointSdkHere();
  process.env.SOLEIL_SERVICE_CATALOG_TABLE = CATALOG;
  process.env.SOLEIL_MODULE = 'core';
  process.env.SOLEIL_EVENT_BUS_NAME = 'soleil-test';
  await createCatalogTable(db.client, CATALOG);
  model = await loadPlatformModel();
  store = new DynamoDbServiceCatalogStore(db.client, CATALOG);
  handlers = {
    getHealth: (await import('../../../../functions/core/handlers/getHealth.ts')).handler,
    createHealthHandler: (await import('../../../../functions/core/handlers/getHealth.ts'))
      .createHealthHandler,
    listModules: (await import('../../../../functions/core/handlers/listModules.ts')).handler,
    pollHealth: (await import('../../../../functions/core/handlers/pollHealth.ts')).handler,
    catalogService: (await import('../../../../functions/core/handlers/catalogService.ts')).handler,
  };
});

afterAll(async () => {
  await db?.stop();
});

beforeEach(async () => {
  lambda.reset();
  events.reset();
  events.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'e-1' }] });
  await store.replaceAll(catalogEntriesFromModel(model, (id) => id));
});

describe('core module on a real catalog', () => {
  it('answers 503 while no module has been checked, listing every module of the model', async () => {
    const response = await handlers.getHealth(
      httpEvent({ method: 'GET', path: '/api/system/health' }),
      context,
    );
    expect(response.statusCode).toBe(503);
    const body = bodyOf(response);
    expect(body.status).toBe('down');
    expect(body.modules.map((m: { name: string }) => m.name)).toEqual(
      model.modules.map((m) => m.name).sort(),
    );
    expect(body.modules.every((m: { status: string }) => m.status === 'unknown')).toBe(true);
  });

  it('polls every health function, then answers 200 with each module’s version and status', async () => {
    lambda.on(InvokeCommand).resolves(healthReply('ok'));
    await handlers.pollHealth(scheduled);
    const invoked = lambda.commandCalls(InvokeCommand).map((c) => c.args[0].input.FunctionName);
    expect(invoked.sort()).toEqual(model.modules.map((m) => m.healthFunctionId).sort());
    const published = events.commandCalls(PutEventsCommand).flatMap((c) => c.args[0].input.Entries ?? []);
    expect(published.map((e) => e.DetailType)).toEqual(['system.health_check']);

    const response = await getHealthOnNewContainer()(
      httpEvent({ method: 'GET', path: '/api/system/health' }),
      context,
    );
    expect(response.statusCode).toBe(200);
    expect(bodyOf(response).modules).toContainEqual(
      expect.objectContaining({ name: 'core', version: '1.0.0', critical: true, status: 'ok' }),
    );
  });

  it('answers 503 and declares an emergency when a critical module’s health check fails', async () => {
    lambda.on(InvokeCommand).resolves(healthReply('ok'));
    lambda
      .on(InvokeCommand, { FunctionName: 'core-health' })
      .resolves({ FunctionError: 'Unhandled', Payload: payload('{"errorMessage":"boom"}') });
    await handlers.pollHealth(scheduled);
    const published = events.commandCalls(PutEventsCommand).flatMap((c) => c.args[0].input.Entries ?? []);
    expect(published.map((e) => e.DetailType)).toEqual(['system.health_check', 'system.emergency']);
    const emergency = JSON.parse(published[1]?.Detail ?? '{}');
    expect(emergency.data.affectedModules).toEqual(['core']);
    expect(emergency.metadata.producer).toBe('core');

    const response = await getHealthOnNewContainer()(
      httpEvent({ method: 'GET', path: '/api/system/health' }),
      context,
    );
    expect(response.statusCode).toBe(503);
    expect(bodyOf(response).modules).toContainEqual(
      expect.objectContaining({ name: 'core', status: 'down' }),
    );
  });

  it('lists modules with their routes, services and events for a signed-in user', async () => {
    const response = await handlers.listModules(
      httpEvent({ method: 'GET', path: '/api/system/modules', identity: testIdentity }),
      context,
    );
    expect(response.statusCode).toBe(200);
    const core = bodyOf(response).modules.find((m: { name: string }) => m.name === 'core');
    expect(core).toMatchObject({
      version: '1.0.0',
      services: ['catalog_service'],
      publishes: ['system.health_check', 'system.emergency', 'system.warning'],
      routes: expect.arrayContaining([{ method: 'GET', path: '/api/system/health', auth: 'public' }]),
    });
  });

  it('answers catalog_service.listModules with each module’s version and fresh status', async () => {
    lambda.on(InvokeCommand).resolves(healthReply('ok'));
    await handlers.pollHealth(scheduled);
    const response = await handlers.catalogService(
      { operation: 'listModules', input: {}, caller: 'dashboard', correlationId: 'corr-1' },
      context,
    );
    expect(response).toMatchObject({ ok: true });
    const modules = (response as { output: { modules: { name: string; status: string }[] } }).output.modules;
    expect(modules.map((m) => m.name)).toEqual(model.modules.map((m) => m.name).sort());
    expect(modules.every((m) => m.status === 'ok')).toBe(true);
  });
});
