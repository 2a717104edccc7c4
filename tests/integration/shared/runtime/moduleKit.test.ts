import path from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_AWS_CREDENTIALS, LOCAL_AWS_REGION } from '../../../../infra/local/shared/localNames.ts';
import type { EmbeddedPlatform } from '../../../../infra/local/startPlatform.ts';
import { RUNTIME_ENV } from '../../../../shared/contracts/platformEnvironment.ts';
import { repositoryRoot } from '../../../../shared/platformModel/loadPlatformModel.ts';
import { ProbeListener } from '../../../fixtures/modules-local/ProbeListener.ts';
import { type FlakyEventBus, startFlakyEventBus } from '../../../helpers/flakyEventBus.ts';
import { startTestPlatform } from '../../../helpers/startTestPlatform.ts';

/** The fixture: `dashboard` (the module kit only), a `user_service` provider and a subscriber. */
const MODULE_KIT_FIXTURES = path.join(repositoryRoot(), 'tests/fixtures/module-kit/functions');
const OUTBOX = 'soleil-dashboard-outbox';
const RINGO = 'u-ringo';

interface OutboxItem {
  eventId: string;
  name: string;
  occurredAt: string;
  data: Record<string, unknown>;
}
// biome-ignore lint/suspicious/noExplicitAny: response bodies are read field by field in assertions
type Json = any;
interface Handled {
  eventId: string;
  correlationId: string;
  data: { userId: string; changed: string[]; widgets: string[] };
}

describe('a module written with the kit only, on the embedded platform (outbox, schedule, service, route)', () => {
  let bus: FlakyEventBus;
  let platform: EmbeddedPlatform;
  let doc: DynamoDBDocumentClient;
  const probes = new ProbeListener();

  beforeAll(async () => {
    bus = await startFlakyEventBus();
    platform = await startTestPlatform({
      functionsDir: MODULE_KIT_FIXTURES,
      extraEnv: { [RUNTIME_ENV.eventBridgeEndpoint]: bus.url },
    });
    bus.target = platform.urls.aws;
    doc = DynamoDBDocumentClient.from(
      new DynamoDBClient({
        endpoint: platform.urls.dynamodb,
        region: LOCAL_AWS_REGION,
        credentials: LOCAL_AWS_CREDENTIALS,
      }),
    );
  }, 120_000);
  afterAll(async () => {
    probes.close();
    doc?.destroy();
    await platform?.stop();
    await bus?.close();
  });

  const putPreferences = async (userId: string, body: Record<string, unknown>) => {
    const reply = await fetch(`${platform.urls.http}/api/dashboard/preferences/${userId}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return {
      status: reply.status,
      correlationId: reply.headers.get('x-correlation-id'),
      json: (await reply.json()) as Json,
    };
  };
  const outbox = async (): Promise<OutboxItem[]> =>
    ((await doc.send(new ScanCommand({ TableName: OUTBOX, ConsistentRead: true }))).Items ??
      []) as OutboxItem[];
  /** Runs the drain schedule's function now, with the Scheduled Event its rate rule would send. */
  const drain = () => {
    const schedule = platform.model.schedules.find((s) => s.id === 'dashboard-drainOutbox');
    if (!schedule) throw new Error('dashboard has no drain schedule');
    return platform.invoke(schedule.functionId, {
      version: '0',
      id: crypto.randomUUID(),
      'detail-type': 'Scheduled Event',
      source: 'aws.events',
      time: new Date().toISOString(),
      region: LOCAL_AWS_REGION,
      resources: [],
      detail: {},
    });
  };
  const handled = (): Handled[] => probes.of('sync-onPreferenceChanged').map((p) => p.data as Handled);

  it('renders outbox: true locally: the outbox table and the drain schedule for dashboard, for no other module', async () => {
    const tables = (await doc.send(new ListTablesCommand({}))).TableNames ?? [];
    expect(tables).toContain(OUTBOX);
    expect(tables.filter((t) => t.endsWith('-outbox'))).toEqual([OUTBOX]);
    expect(platform.model.schedules.map((s) => s.id).sort()).toEqual([
      'dashboard-countPreferences',
      'dashboard-drainOutbox',
    ]);
    expect(platform.model.functions.find((f) => f.id === 'dashboard-drainOutbox')?.kit).toBe(true);
  });

  it('commits the state change and its event in one call, and the event reaches the subscriber', async () => {
    const saved = await putPreferences(RINGO, { widgets: ['upcoming_gigs', 'new_charts'] });
    expect(saved.status).toBe(200);
    expect(saved.json.preferences).toEqual({
      userId: RINGO,
      widgets: ['upcoming_gigs', 'new_charts'],
      version: 1,
    });
    await probes.until(() => handled().length === 1);
    expect(handled()[0]).toMatchObject({
      eventId: saved.json.eventId,
      data: { userId: RINGO, changed: ['widgets'], widgets: ['upcoming_gigs', 'new_charts'] },
    });
    expect(await outbox()).toEqual([]);
  });

  it('writes neither state nor event when the state change is refused (stale version → 409)', async () => {
    const stale = await putPreferences(RINGO, { widgets: ['recordings'], expectedVersion: 0 });
    expect(stale.status).toBe(409);
    expect(stale.json.type).toMatch(/conflict/);
    expect(await outbox()).toEqual([]);
    const unchanged = await putPreferences(RINGO, { widgets: ['upcoming_gigs', 'new_charts'] });
    expect(unchanged.json).toMatchObject({ preferences: { version: 1 }, eventId: null });
  });

  it('calls auth’s user_service through the catalog: an unknown user is a 404, nothing committed', async () => {
    const unknown = await putPreferences('u-nobody', { widgets: ['recordings'] });
    expect(unknown.status).toBe(404);
    expect(await outbox()).toEqual([]);
  });

  it('keeps the event in the outbox when the bus fails, and the drain schedule publishes it later with its id', async () => {
    bus.down = true;
    const during = await putPreferences(RINGO, { widgets: ['missing_parts'], expectedVersion: 1 });
    // The client gets its answer: the change committed, only the announcement waits.
    expect(during.status).toBe(200);
    expect(during.json.preferences.version).toBe(2);
    expect(bus.refused).toBeGreaterThan(0);
    const waiting = await outbox();
    expect(waiting.map((e) => e.eventId)).toEqual([during.json.eventId]);
    expect(waiting[0]?.data).toEqual({ userId: RINGO, changed: ['widgets'], widgets: ['missing_parts'] });

    // The bus is back. A drain right away leaves the young event to its request (it might still publish).
    bus.down = false;
    expect(await drain()).toEqual({ ok: true, result: { published: 0, failed: 0 } });
    expect((await outbox()).length).toBe(1);

    // Half a minute later (the drain leaves young events to their request), it goes out under the same id.
    await doc.send(
      new UpdateCommand({
        TableName: OUTBOX,
        Key: { eventId: during.json.eventId },
        UpdateExpression: 'SET occurredAt = :earlier',
        ExpressionAttributeValues: { ':earlier': new Date(Date.now() - 60_000).toISOString() },
      }),
    );
    expect(await drain()).toEqual({ ok: true, result: { published: 1, failed: 0 } });
    await probes.until(() => handled().length === 2);
    expect(handled()[1]).toMatchObject({
      eventId: during.json.eventId,
      data: { widgets: ['missing_parts'] },
    });
    expect(await outbox()).toEqual([]);
  });

  it('runs the module’s own scheduled job through scheduleHandler', async () => {
    await platform.schedules.trigger('dashboard-countPreferences');
    await probes.until((p) => p.of('dashboard-countPreferences').length === 1);
    expect(probes.of('dashboard-countPreferences')[0]?.data).toMatchObject({ count: 1 });
  });
});
