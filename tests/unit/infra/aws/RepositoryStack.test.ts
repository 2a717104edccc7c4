import { beforeAll, describe, expect, it } from 'vitest';
import { AUTH_METRICS } from '../../../../functions/auth/domain/authMetrics.ts';
import { FLOW_TRACE_RETENTION_SECONDS } from '../../../../functions/core/domain/flowTrace.ts';
import { METRICS_NAMESPACE, OUTBOX_METRICS } from '../../../../shared/contracts/platformMetrics.ts';
import { loadPlatformModel, repositoryRoot } from '../../../../shared/platformModel/loadPlatformModel.ts';
import type { PlatformModel } from '../../../../shared/platformModel/PlatformModel.ts';
import { type Cfn, ROOT, type StackTemplates } from './stackTemplates.ts';
import { type SynthResult, synthStack } from './synthFixtureStack.ts';

let model: PlatformModel;
let synth: SynthResult;
let t: StackTemplates;
const SETTINGS = { SOLEIL_AUTH_GOOGLE_CLIENT_ID: 'client-123.apps.googleusercontent.com' };

beforeAll(async () => {
  model = await loadPlatformModel();
  synth = synthStack(model, { sourceRoot: repositoryRoot(), settings: SETTINGS });
  t = synth.templates;
});

/** The properties of every resource of a type, in the root and every module stack. */
const ofType = (type: string): Cfn[] => t.allOfType(type).map(({ resource }) => resource.Properties);

describe('the stack rendered from this repository’s modules', () => {
  it('has every AWS route of the model and no local-only route (no development sign-in in AWS)', () => {
    const routeKeys = ofType('AWS::ApiGatewayV2::Route').map((p) => p.RouteKey as string);
    expect(routeKeys).not.toContain('POST /api/auth/dev-login');
    expect(model.routes.some((r) => r.localOnly)).toBe(true);
    for (const route of model.routes.filter((r) => !r.localOnly)) {
      expect(routeKeys).toContain(`${route.method} ${route.path}`);
    }
    const descriptions = ofType('AWS::Lambda::Function').map((p) => String(p.Description));
    expect(descriptions.some((d) => d.includes('devLogin'))).toBe(false);
  });

  it('passes module settings from context to that module’s functions only, with defaults for the rest', () => {
    const functions = ofType('AWS::Lambda::Function');
    const auth = functions.filter((p) => p.Environment?.Variables?.SOLEIL_MODULE === 'auth');
    const others = functions.filter((p) => p.Environment?.Variables?.SOLEIL_MODULE !== 'auth');
    expect(auth.length).toBeGreaterThan(0);
    const authSettings = model.modules.find((m) => m.name === 'auth')?.config ?? [];
    for (const fn of auth) {
      const env = fn.Environment.Variables as Record<string, unknown>;
      expect(env.SOLEIL_AUTH_GOOGLE_CLIENT_ID).toBe(SETTINGS.SOLEIL_AUTH_GOOGLE_CLIENT_ID);
      for (const setting of authSettings.filter((s) => s.default !== null && !(s.name in SETTINGS))) {
        expect(env[setting.name], setting.name).toBe(setting.default);
      }
    }
    for (const fn of others) {
      expect(Object.keys(fn.Environment?.Variables ?? {}).some((k) => k.startsWith('SOLEIL_AUTH_'))).toBe(
        false,
      );
    }
  });

  it('keeps auth’s outbox table and drain under the logical ids they had before the kit owned them', () => {
    // The ids auth's hand-declared `outbox` table and `drainOutbox` schedule had, now inside auth's own stack:
    // a new id would make CloudFormation replace the table (the events waiting in it included) and the function.
    const resources = t.resources('auth');
    const [tableId, table] = resources.find(([id]) => id === 'ModuleauthTablesoutbox8E3F6335') ?? [];
    expect(table?.Type).toBe('AWS::DynamoDB::Table');
    expect(table?.Properties.KeySchema).toEqual([{ AttributeName: 'eventId', KeyType: 'HASH' }]);
    expect(table?.Properties.TimeToLiveSpecification).toEqual({ AttributeName: 'expiresAt', Enabled: true });
    const drain = resources.find(([id]) => id === 'ModuleauthauthdrainOutboxFunction28D53FB6')?.[1];
    expect(drain?.Properties.Environment.Variables.SOLEIL_TABLE_OUTBOX).toEqual({ Ref: tableId });
    expect(resources.some(([id]) => id === 'ModuleauthScheduledrainOutbox08962006')).toBe(true);
  });

  it('feeds core’s flow trace every platform event through one rule, into a table whose items expire', () => {
    const allEvents = JSON.stringify({ source: [{ prefix: 'soleil.' }] });
    // Rules on events (schedules have no pattern) that name no event type: only core's observer.
    const observers = t
      .allOfType('AWS::Events::Rule')
      .filter(({ resource }) => resource.Properties.EventPattern !== undefined)
      .filter(({ resource }) => resource.Properties.EventPattern['detail-type'] === undefined);
    expect(observers.map(({ stack }) => stack)).toEqual(['core']);
    const [observer] = observers;
    expect(JSON.stringify(observer?.resource.Properties.EventPattern)).toBe(allEvents);
    // Rule → queue → core's recordFlowEvents, in batches.
    const queueId = observer?.resource.Properties.Targets[0].Arn['Fn::GetAtt'][0] as string;
    const mapping = t
      .ofType('core', 'AWS::Lambda::EventSourceMapping')
      .find(([, m]) => m.Properties.EventSourceArn['Fn::GetAtt']?.[0] === queueId)?.[1];
    const recorder = synth.stack.modules.get('core')?.functionById('core-recordFlowEvents');
    expect(recorder).toBeDefined();
    expect(mapping?.Properties.FunctionName).toEqual({ Ref: t.logicalIdOf(recorder) });
    expect(mapping?.Properties.BatchSize).toBeGreaterThan(1);
    // Gathered for up to a second: up to ten events an invocation, behind the flows it records.
    expect(mapping?.Properties.MaximumBatchingWindowInSeconds).toBe(1);
    // The other subscriptions are invoked as soon as an event is there, but three, which gather for a second:
    // two of sync's — its relay of dashboard widgets (one message per member and widget) and the leaders'
    // library sync progress — and dashboard's refresh of Recently added (once per band).
    const others = t
      .allOfType('AWS::Lambda::EventSourceMapping')
      .filter(({ resource }) => resource !== mapping);
    expect(others.length).toBeGreaterThan(5);
    const windowed = others.filter(
      ({ resource }) => resource.Properties.MaximumBatchingWindowInSeconds !== undefined,
    );
    const gathering = (
      [
        ['sync', 'sync-relayDashboardUpdate'],
        ['sync', 'sync-onLibrarySync'],
        ['dashboard', 'dashboard-onCatalogueChanged'],
      ] as const
    ).map(([module, id]) => ({ Ref: t.logicalIdOf(synth.stack.modules.get(module)?.functionById(id)) }));
    expect(windowed.map(({ stack }) => stack).sort()).toEqual(['dashboard', 'sync', 'sync']);
    expect(windowed.map(({ resource }) => resource.Properties.FunctionName)).toEqual(
      expect.arrayContaining(gathering),
    );
    expect(windowed.map(({ resource }) => resource.Properties.MaximumBatchingWindowInSeconds)).toEqual([
      1, 1, 1,
    ]);

    const traceTables = t
      .ofType('core', 'AWS::DynamoDB::Table')
      .filter(([, table]) => table.Properties.KeySchema[0].AttributeName === 'correlationId');
    expect(traceTables).toHaveLength(1);
    expect(traceTables[0]?.[1].Properties.TimeToLiveSpecification).toEqual({
      AttributeName: 'expiresAt',
      Enabled: true,
    });
    // What the recorder writes into that attribute: seven days from the event.
    expect(FLOW_TRACE_RETENTION_SECONDS).toBe(7 * 24 * 3600);
  });

  it('signs auth’s access tokens with a KMS key only auth’s functions know and may use', () => {
    const declared = model.signingKeys ?? [];
    expect(declared.map((k) => k.id)).toContain('auth-access-tokens');
    const keys = t
      .allOfType('AWS::KMS::Key')
      .filter(({ resource }) => resource.Properties.KeyUsage === 'SIGN_VERIFY');
    expect(keys).toHaveLength(declared.length);
    const {
      stack: keyStack,
      id: keyId,
      resource: key,
    } = keys[0] ?? { stack: '', id: '', resource: undefined };
    expect(keyStack).toBe('auth');
    expect(key?.Properties.KeySpec).toBe('ECC_NIST_P256');
    for (const { stack, resource } of t.allOfType('AWS::Lambda::Function')) {
      const env = (resource.Properties.Environment?.Variables ?? {}) as Record<string, unknown>;
      const expected =
        env.SOLEIL_MODULE === 'auth' ? { stack: 'auth', value: { 'Fn::GetAtt': [keyId, 'Arn'] } } : undefined;
      const actual = env.SOLEIL_SIGNING_KEY_ACCESS_TOKENS;
      expect(
        actual === undefined ? undefined : t.follow(stack, actual),
        String(resource.Properties.Description),
      ).toEqual(expected);
    }
    const signers = t
      .allOfType('AWS::IAM::Policy')
      .filter(({ resource }) =>
        (resource.Properties.PolicyDocument.Statement as Cfn[]).some((s) =>
          [s.Action].flat().includes('kms:Sign'),
        ),
      );
    const authRole = synth.stack.modules.get('auth')?.role;
    expect(
      signers.flatMap(({ stack, resource }) => resource.Properties.Roles.map((r: Cfn) => t.follow(stack, r))),
    ).toEqual([{ stack: 'auth', value: { Ref: t.logicalIdOf(authRole) } }]);
  });

  it('has no signing-keys table: KMS holds auth’s keys in AWS, the table is the embedded platform’s', () => {
    const localOnly = model.tables.filter((t) => t.localOnly);
    expect(localOnly.map((t) => t.id)).toEqual(['auth-signing-keys']);
    const tables = t.allOfType('AWS::DynamoDB::Table');
    expect(tables.map(({ id }) => id).filter((id) => /signingkeys/i.test(id))).toEqual([]);
    const kidKeyed = tables.filter(({ resource }) =>
      (resource.Properties.KeySchema as { AttributeName: string }[]).some((k) => k.AttributeName === 'kid'),
    );
    expect(kidKeyed).toEqual([]);
    for (const fn of ofType('AWS::Lambda::Function')) {
      expect(Object.keys(fn.Environment?.Variables ?? {}), String(fn.Description)).not.toContain(
        'SOLEIL_TABLE_SIGNING_KEYS',
      );
    }
  });

  it('alarms on auth’s authorizer failures (its manifest) and outbox publish failures (its outbox: true)', () => {
    const alarms = ofType('AWS::CloudWatch::Alarm');
    for (const metric of [AUTH_METRICS.authorizerFailures, OUTBOX_METRICS.publishFailed]) {
      expect(alarms, metric).toContainEqual(
        expect.objectContaining({
          Namespace: METRICS_NAMESPACE,
          MetricName: metric,
          Dimensions: expect.arrayContaining([{ Name: 'module', Value: 'auth' }]),
          Threshold: 1,
        }),
      );
    }
    expect(alarms.some((a) => a.MetricName === AUTH_METRICS.authorizerRefusals)).toBe(false);
  });

  it('throttles auth’s sign-in and refresh routes more tightly than the rest, and leaves out dev-login', () => {
    const [stage] = t
      .ofType(ROOT, 'AWS::ApiGatewayV2::Stage')
      .map(([, r]) => r.Properties)
      .filter((p) => p.StageName === '$default');
    const settings = stage?.RouteSettings as Record<string, { ThrottlingRateLimit: number }>;
    // Drive's public webhook for Google's push notifications is the one other route with limits of its own.
    expect(Object.keys(settings).sort()).toEqual([
      'POST /api/auth/google',
      'POST /api/auth/refresh',
      'POST /api/drive/notifications',
    ]);
    for (const limits of Object.values(settings)) {
      expect(limits.ThrottlingRateLimit).toBeLessThan(stage?.DefaultRouteSettings.ThrottlingRateLimit);
    }
  });
});
