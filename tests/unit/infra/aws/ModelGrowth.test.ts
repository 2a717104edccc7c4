import { beforeAll, describe, expect, it } from 'vitest';
import type { ModuleManifest } from '../../../../shared/contracts/moduleManifest.ts';
import type { StackTemplates } from './stackTemplates.ts';
import { fixtureManifests, modelOf, synthStack } from './synthFixtureStack.ts';

/** Resources of a type in every stack (root and modules). */
const count = (templates: StackTemplates, type: string): number => templates.allOfType(type).length;
/** Resources of a type in one stack: what grows is the grown module's stack, and only it. */
const countIn = (templates: StackTemplates, stack: string, type: string): number =>
  templates.ofType(stack, type).length;

/** The fixture with one more subscription, route and table in the sync module (no infra/aws edit). */
const grown = (manifests: ModuleManifest[]): ModuleManifest[] =>
  manifests.map((m) =>
    m.name !== 'sync'
      ? m
      : {
          ...m,
          subscriptions: [
            ...m.subscriptions,
            {
              id: 'onUserLoggedInAgain',
              events: ['auth.user_logged_in'],
              handler: 'handlers/index.onHealthCheck',
              maxRetries: 2,
              maxEventAgeSeconds: 120,
            },
          ],
          routes: [
            ...m.routes,
            {
              method: 'GET',
              path: '/api/sync/status',
              auth: 'user',
              handler: 'handlers/index.message',
              description: 'Sync status.',
              localOnly: false,
            },
          ],
          tables: [
            ...m.tables,
            { name: 'cursors', partitionKey: { name: 'clientId', type: 'S' }, indexes: [], localOnly: false },
          ],
        },
  );

let before: StackTemplates;
let after: StackTemplates;

beforeAll(async () => {
  const manifests = await fixtureManifests();
  before = synthStack(modelOf(manifests)).templates;
  after = synthStack(modelOf(grown(manifests))).templates;
});

it('grows the sync module’s stack only', () => {
  for (const stack of before.stacks.filter((s) => s !== 'sync')) {
    expect(Object.keys(after.template(stack).toJSON().Resources), stack).toEqual(
      Object.keys(before.template(stack).toJSON().Resources),
    );
  }
  expect(after.resources('sync').length).toBeGreaterThan(before.resources('sync').length);
});

describe('adding to a manifest adds the matching resources', () => {
  it('adds a rule, its queue, DLQ and event source mapping for a new subscription', () => {
    expect(count(after, 'AWS::Events::Rule')).toBe(count(before, 'AWS::Events::Rule') + 1);
    // The subscription's queue and its dead-letter queue.
    expect(count(after, 'AWS::SQS::Queue')).toBe(count(before, 'AWS::SQS::Queue') + 2);
    expect(count(after, 'AWS::Lambda::EventSourceMapping')).toBe(
      count(before, 'AWS::Lambda::EventSourceMapping') + 1,
    );
    expect(countIn(after, 'sync', 'AWS::Events::Rule')).toBe(
      countIn(before, 'sync', 'AWS::Events::Rule') + 1,
    );
    after
      .template('sync')
      .hasResourceProperties('AWS::SQS::Queue', { RedrivePolicy: { maxReceiveCount: 3 } });
    after.template('sync').hasResourceProperties('AWS::Events::Rule', {
      EventPattern: { source: ['soleil.auth'], 'detail-type': ['auth.user_logged_in'] },
      Targets: [{ RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 120 } }],
    });
  });

  it('adds an authorized API route for a new route', () => {
    expect(count(after, 'AWS::ApiGatewayV2::Route')).toBe(count(before, 'AWS::ApiGatewayV2::Route') + 1);
    expect(countIn(after, 'sync', 'AWS::ApiGatewayV2::Route')).toBe(
      countIn(before, 'sync', 'AWS::ApiGatewayV2::Route') + 1,
    );
    after.template('sync').hasResourceProperties('AWS::ApiGatewayV2::Route', {
      RouteKey: 'GET /api/sync/status',
      AuthorizationType: 'CUSTOM',
    });
  });

  it('adds a table, and its env var on the module functions, for a new table', () => {
    expect(count(after, 'AWS::DynamoDB::Table')).toBe(count(before, 'AWS::DynamoDB::Table') + 1);
    after.template('sync').hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [{ AttributeName: 'clientId', KeyType: 'HASH' }],
    });
    const syncFunctions = after
      .allOfType('AWS::Lambda::Function')
      .map(({ resource }) => resource)
      .filter((f) => f.Properties.Environment?.Variables?.SOLEIL_MODULE === 'sync');
    expect(syncFunctions.length).toBeGreaterThan(0);
    for (const fn of syncFunctions)
      expect(fn.Properties.Environment.Variables.SOLEIL_TABLE_CURSORS).toBeDefined();
  });

  it('adds the alarm of the new rule and of its DLQ', () => {
    expect(count(after, 'AWS::CloudWatch::Alarm')).toBe(count(before, 'AWS::CloudWatch::Alarm') + 2);
    expect(countIn(after, 'sync', 'AWS::CloudWatch::Alarm')).toBe(
      countIn(before, 'sync', 'AWS::CloudWatch::Alarm') + 2,
    );
  });
});
