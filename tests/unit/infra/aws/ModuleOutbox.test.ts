import type { IConstruct } from 'constructs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ModuleManifest } from '../../../../shared/contracts/moduleManifest.ts';
import type { PlatformModel } from '../../../../shared/platformModel/PlatformModel.ts';
import type { Cfn, Resource } from './stackTemplates.ts';
import { fixtureManifests, modelOf, type SynthResult, synthStack } from './synthFixtureStack.ts';

/** The fixture with `outbox: true` on the sync module (which publishes sync.completed); auth and core without. */
const withOutbox = (manifests: ModuleManifest[]): ModuleManifest[] =>
  manifests.map((m) => (m.name === 'sync' ? { ...m, outbox: true } : m));

let model: PlatformModel;
let synth: SynthResult;
let resources: [string, Resource][];
/** The sync module's resources: the outbox lives in its stack. */
const ofType = (type: string) => resources.filter(([, r]) => r.Type === type);
const logicalIdOf = (construct: IConstruct | undefined): string => synth.templates.logicalIdOf(construct);

beforeAll(async () => {
  model = modelOf(withOutbox(await fixtureManifests()));
  // cdk-nag runs too: the outbox's table, function and schedule need no acknowledgment of their own.
  synth = synthStack(model, { nag: true });
  resources = synth.templates.resources('sync');
});

describe('outbox: true rendered into AWS', () => {
  it('creates the outbox table: key eventId, TTL expiresAt, encrypted, point-in-time recovery', () => {
    const sync = synth.stack.modules.get('sync');
    const table = sync?.tables.byId.get('sync-outbox');
    expect(table).toBeDefined();
    const rendered = resources.find(([id]) => id === logicalIdOf(table))?.[1];
    expect(rendered?.Type).toBe('AWS::DynamoDB::Table');
    expect(rendered?.Properties).toMatchObject({
      KeySchema: [{ AttributeName: 'eventId', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'eventId', AttributeType: 'S' }],
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: { SSEEnabled: true },
    });
  });

  it("deploys the kit's drain as the module's function, with its outbox table and its role", () => {
    const sync = synth.stack.modules.get('sync');
    const drain = sync?.functionById('sync-drainOutbox');
    const rendered = resources.find(([id]) => id === logicalIdOf(drain))?.[1];
    expect(rendered?.Type).toBe('AWS::Lambda::Function');
    const env = rendered?.Properties.Environment.Variables;
    expect(env.SOLEIL_MODULE).toBe('sync');
    expect(env.SOLEIL_FUNCTION_ID).toBe('sync-drainOutbox');
    expect(env.SOLEIL_TABLE_OUTBOX).toEqual({ Ref: logicalIdOf(sync?.tables.byId.get('sync-outbox')) });
    expect(rendered?.Properties.Timeout).toBe(60);
    expect(rendered?.Properties.Role).toEqual({ 'Fn::GetAtt': [logicalIdOf(sync?.role), 'Arn'] });
    expect(String(rendered?.Properties.Description)).toContain('shared/runtime/outbox/drainOutboxHandler');
  });

  it('runs the drain every minute, with retries and a dead-letter queue like every schedule', () => {
    const sync = synth.stack.modules.get('sync');
    const drainId = logicalIdOf(sync?.functionById('sync-drainOutbox'));
    const rules = ofType('AWS::Events::Rule').filter(([, r]) =>
      (r.Properties.Targets as Cfn[] | undefined)?.some((t) => t.Arn?.['Fn::GetAtt']?.[0] === drainId),
    );
    expect(rules).toHaveLength(1);
    const [, rule] = rules[0] as [string, Resource];
    expect(rule.Properties.ScheduleExpression).toBe('rate(1 minute)');
    expect(rule.Properties.Targets[0].RetryPolicy).toBeDefined();
    expect(rule.Properties.Targets[0].DeadLetterConfig).toBeDefined();
    expect(sync?.schedules.map((s) => s.model.scheduleId)).toEqual(['drainOutbox']);
  });

  it("lets the module's role read and delete its outbox items and put events with its own source only", () => {
    const sync = synth.stack.modules.get('sync');
    const tableId = logicalIdOf(sync?.tables.byId.get('sync-outbox'));
    const attached = synth.templates.statementsOf(sync?.role);
    const statements = attached.map(({ statement }) => statement);
    const onOutbox = attached
      .filter(({ stack, statement }) =>
        [statement.Resource].flat().some((r: Cfn) => {
          const followed = synth.templates.follow(stack, r);
          return followed.stack === 'sync' && followed.value?.['Fn::GetAtt']?.[0] === tableId;
        }),
      )
      .map(({ statement }) => statement);
    const actions = onOutbox.flatMap((s) => [s.Action].flat());
    for (const action of [
      'dynamodb:Scan',
      'dynamodb:PutItem',
      'dynamodb:BatchWriteItem',
      'dynamodb:DeleteItem',
    ]) {
      expect(actions).toContain(action);
    }
    const putEvents = statements.filter((s) => [s.Action].flat().includes('events:PutEvents'));
    expect(putEvents.map((s) => s.Condition?.StringEquals?.['events:source'])).toEqual(['soleil.sync']);
  });

  it("alarms on the module's outbox publish failures (three 5-minute periods running)", () => {
    const alarms = ofType('AWS::CloudWatch::Alarm').map(([, a]) => a.Properties);
    expect(alarms).toContainEqual(
      expect.objectContaining({
        MetricName: 'OutboxPublishFailed',
        Dimensions: expect.arrayContaining([{ Name: 'module', Value: 'sync' }]),
        Threshold: 1,
        EvaluationPeriods: 3,
        Period: 300,
      }),
    );
  });

  it('passes the cdk-nag AwsSolutions and Serverless packs with an outbox', () => {
    expect(() => synth.app.synth()).not.toThrow();
  });

  it('gives a module without the flag neither an outbox table nor a drain', () => {
    for (const name of ['auth', 'core']) {
      const module = synth.stack.modules.get(name);
      expect(module?.tables.byId.has(`${name}-outbox`), name).toBe(false);
      expect(module?.functions.has(`${name}-drainOutbox`), name).toBe(false);
      expect(
        module?.schedules.some((s) => s.model.scheduleId === 'drainOutbox'),
        name,
      ).toBe(false);
    }
    const eventIdTables = synth.templates
      .allOfType('AWS::DynamoDB::Table')
      .filter(({ resource }) =>
        (resource.Properties.KeySchema as Cfn[]).some((k) => k.AttributeName === 'eventId'),
      );
    expect(eventIdTables.map(({ stack }) => stack)).toEqual(['sync']);
  });
});
