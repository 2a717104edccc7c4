import { EventBridgeClient, ListRulesCommand } from '@aws-sdk/client-eventbridge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalAwsEndpoint } from '../../../../../infra/local/aws/LocalAwsEndpoint.ts';
import { DeadLetterStore } from '../../../../../infra/local/deadLetters/DeadLetterStore.ts';
import { EventArchive } from '../../../../../infra/local/events/EventArchive.ts';
import { EventRouter } from '../../../../../infra/local/events/EventRouter.ts';
import { RetryPolicy } from '../../../../../infra/local/events/RetryPolicy.ts';
import { LOCAL_AWS_CREDENTIALS } from '../../../../../infra/local/shared/localNames.ts';
import type { RuleModel } from '../../../../../shared/platformModel/PlatformModel.ts';

const region = 'eu-west-1';
const bus = 'soleil-local';
const rule = (id: string): RuleModel => ({
  id,
  module: id.split('-')[0] ?? id,
  subscriptionId: id,
  events: [],
  pattern: { source: ['soleil.drive'] },
  functionId: id,
  maxRetries: 0,
  maxEventAgeSeconds: 60,
});
// 120 rules: more than one page of EventBridge's maximum of 100.
const rules = [
  ...Array.from({ length: 70 }, (_, i) => rule(`content-on${String(i).padStart(3, '0')}`)),
  ...Array.from({ length: 50 }, (_, i) => rule(`sync-on${String(i).padStart(3, '0')}`)),
];
const deadLetters = new DeadLetterStore();
const router = new EventRouter({
  rules,
  invoke: async () => ({ ok: true, result: null }),
  retryPolicy: new RetryPolicy(),
  deadLetters,
  archive: new EventArchive(),
});
const endpoint = new LocalAwsEndpoint({
  eventBridge: { router, rules, region },
  lambda: { invoke: async () => ({ ok: true, result: null }), hasFunction: () => false, region },
  admin: { router, deadLetters },
  connections: () => undefined,
});
let events: EventBridgeClient;

beforeAll(async () => {
  const { url } = await endpoint.start(0);
  events = new EventBridgeClient({
    endpoint: url,
    region,
    // The endpoint verifies signatures, as AWS does: sign with the local credentials.
    credentials: LOCAL_AWS_CREDENTIALS,
  });
});
afterAll(async () => {
  events.destroy();
  await endpoint.stop();
});

describe('ListRules paging', () => {
  it('pages by Limit with NextToken until every rule was listed once', async () => {
    const names: string[] = [];
    let pages = 0;
    let nextToken: string | undefined;
    do {
      const page = await events.send(
        new ListRulesCommand({
          EventBusName: bus,
          Limit: 25,
          ...(nextToken ? { NextToken: nextToken } : {}),
        }),
      );
      pages++;
      expect(page.Rules?.length).toBeLessThanOrEqual(25);
      names.push(...(page.Rules ?? []).map((r) => r.Name ?? ''));
      nextToken = page.NextToken;
    } while (nextToken);
    expect(pages).toBe(5);
    expect(names).toEqual(rules.map((r) => r.id));
  });

  it('answers at most 100 without a Limit, and filters by NamePrefix across pages', async () => {
    const first = await events.send(new ListRulesCommand({ EventBusName: bus }));
    expect(first.Rules).toHaveLength(100);
    expect(first.NextToken).toBeDefined();
    const rest = await events.send(new ListRulesCommand({ EventBusName: bus, NextToken: first.NextToken }));
    expect(rest.Rules).toHaveLength(20);
    expect(rest.NextToken).toBeUndefined();

    const sync = await events.send(
      new ListRulesCommand({ EventBusName: bus, NamePrefix: 'sync-', Limit: 30 }),
    );
    expect(sync.Rules?.map((r) => r.Name)).toEqual(rules.slice(70, 100).map((r) => r.id));
    const syncRest = await events.send(
      new ListRulesCommand({ EventBusName: bus, NamePrefix: 'sync-', Limit: 30, NextToken: sync.NextToken }),
    );
    expect(syncRest.Rules).toHaveLength(20);
    expect(syncRest.NextToken).toBeUndefined();
  });

  it('refuses a Limit out of 1..100, and a token of another call or a forged one', async () => {
    await expect(events.send(new ListRulesCommand({ EventBusName: bus, Limit: 0 }))).rejects.toMatchObject({
      name: 'ValidationException',
    });
    await expect(events.send(new ListRulesCommand({ EventBusName: bus, Limit: 101 }))).rejects.toMatchObject({
      name: 'ValidationException',
    });
    const page = await events.send(new ListRulesCommand({ EventBusName: bus, Limit: 10 }));
    await expect(
      events.send(
        new ListRulesCommand({ EventBusName: bus, NamePrefix: 'sync-', NextToken: page.NextToken }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidToken', $metadata: { httpStatusCode: 400 } });
    await expect(
      events.send(new ListRulesCommand({ EventBusName: bus, NextToken: 'not-a-token' })),
    ).rejects.toMatchObject({ name: 'InvalidToken' });
  });
});
