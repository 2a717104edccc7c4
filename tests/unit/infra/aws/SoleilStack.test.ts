import { Validations } from 'aws-cdk-lib';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { deployedFunctions } from '../../../../infra/aws/deployedFunctions.ts';
import { eventContracts } from '../../../../shared/contracts/eventCatalog.ts';
import { PLATFORM_ENV } from '../../../../shared/contracts/platformEnvironment.ts';
import { METRICS_NAMESPACE } from '../../../../shared/contracts/platformMetrics.ts';
import { leaderRouteKeys } from '../../../../shared/platformModel/leaderRouteKeys.ts';
import type { PlatformModel } from '../../../../shared/platformModel/PlatformModel.ts';
import { type Cfn, type Resource, ROOT, type StackTemplates } from './stackTemplates.ts';
import { fixtureManifests, modelOf, type SynthResult, synthStack } from './synthFixtureStack.ts';

let model: PlatformModel;
let synth: SynthResult;
let t: StackTemplates;
const functionOf = (functionId: string) => {
  const owner = model.functions.find((f) => f.id === functionId)?.module ?? '';
  return synth.stack.modules.get(owner)?.functionById(functionId);
};
const logicalIdOfFunction = (functionId: string): string => t.logicalIdOf(functionOf(functionId));

beforeAll(async () => {
  model = modelOf(await fixtureManifests());
  synth = synthStack(model);
  t = synth.templates;
});

describe('SoleilStack rendered from the fixture model', () => {
  it('renders every subscription as rule → encrypted queue → subscriber, with the model retries and a DLQ', () => {
    expect(model.rules.length).toBeGreaterThan(0);
    const denyInsecure = Match.arrayWith([
      Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    ]);
    for (const rule of model.rules) {
      // Everything of a subscription lives in its module's stack.
      const stack = rule.module;
      const template = t.template(stack);
      const resources = t.resources(stack);
      const matches = t
        .allOfType('AWS::Events::Rule')
        .filter(
          ({ resource }) => JSON.stringify(resource.Properties.EventPattern) === JSON.stringify(rule.pattern),
        );
      expect(matches, rule.id).toHaveLength(1);
      const { stack: ruleStack, id: ruleId, resource: rendered } = matches[0] as (typeof matches)[number];
      expect(ruleStack, rule.id).toBe(stack);
      // On the platform's bus, which the root stack owns.
      expect(t.follow(stack, rendered.Properties.EventBusName)).toEqual({
        stack: ROOT,
        value: { Ref: t.logicalIdOf(synth.stack.eventBus.bus) },
      });
      expect(rendered.Properties.Targets).toHaveLength(1);
      const target = rendered.Properties.Targets[0];
      // Delivery to the queue: the model's age bound and retries, then the subscription's DLQ.
      expect(target.RetryPolicy).toEqual({
        MaximumRetryAttempts: rule.maxRetries,
        MaximumEventAgeInSeconds: rule.maxEventAgeSeconds,
      });
      const queueId = target.Arn['Fn::GetAtt'][0] as string;
      const queue = resources.find(([id]) => id === queueId)?.[1];
      expect(queue?.Type, rule.id).toBe('AWS::SQS::Queue');
      expect(queue?.Properties.SqsManagedSseEnabled).toBe(true);
      const dlqId = target.DeadLetterConfig.Arn['Fn::GetAtt'][0] as string;
      const dlq = resources.find(([id]) => id === dlqId)?.[1];
      expect(dlq?.Type).toBe('AWS::SQS::Queue');
      expect(dlq?.Properties.SqsManagedSseEnabled).toBe(true);
      // Handler failures: maxRetries retries after the first receive, then the same DLQ.
      expect(queue?.Properties.RedrivePolicy).toEqual({
        deadLetterTargetArn: { 'Fn::GetAtt': [dlqId, 'Arn'] },
        maxReceiveCount: rule.maxRetries + 1,
      });
      const timeoutSeconds = model.functions.find((f) => f.id === rule.functionId)?.timeoutSeconds ?? 0;
      expect(queue?.Properties.VisibilityTimeout).toBeGreaterThanOrEqual(6 * timeoutSeconds);
      expect(dlq?.Properties.MessageRetentionPeriod).toBeGreaterThan(
        queue?.Properties.MessageRetentionPeriod,
      );
      // Only this rule may send to the queue, over TLS only.
      template.hasResourceProperties('AWS::SQS::QueuePolicy', {
        Queues: [{ Ref: queueId }],
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({
              Effect: 'Allow',
              Action: Match.arrayWith(['sqs:SendMessage']),
              Principal: { Service: 'events.amazonaws.com' },
              Condition: { ArnEquals: { 'aws:SourceArn': { 'Fn::GetAtt': [ruleId, 'Arn'] } } },
            }),
          ]),
        },
      });
      for (const [, policy] of t
        .ofType(stack, 'AWS::SQS::QueuePolicy')
        .filter(([, p]) => JSON.stringify(p.Properties.Queues).includes(queueId))) {
        for (const statement of policy.Properties.PolicyDocument.Statement as Record<string, Cfn>[]) {
          if (statement.Effect === 'Allow')
            expect(statement.Condition?.ArnEquals?.['aws:SourceArn']).toBeDefined();
        }
      }
      template.hasResourceProperties('AWS::SQS::QueuePolicy', {
        Queues: [{ Ref: dlqId }],
        PolicyDocument: { Statement: denyInsecure },
      });
      // The subscriber reads the queue in small batches and reports the records it failed.
      const mappings = t
        .ofType(stack, 'AWS::Lambda::EventSourceMapping')
        .filter(([, m]) => m.Properties.EventSourceArn['Fn::GetAtt']?.[0] === queueId);
      expect(mappings, rule.id).toHaveLength(1);
      const [, mapping] = mappings[0] as [string, Resource];
      expect(mapping.Properties.FunctionName).toEqual({ Ref: logicalIdOfFunction(rule.functionId) });
      expect(mapping.Properties.FunctionResponseTypes).toEqual(['ReportBatchItemFailures']);
      expect(mapping.Properties.BatchSize).toBeLessThanOrEqual(10);
    }
  });

  it('invokes no subscriber asynchronously: no Lambda retries or function DLQ outside schedules', () => {
    const scheduled = new Set(model.schedules.map((s) => s.functionId));
    for (const fn of new Set(model.rules.map((r) => r.functionId))) {
      if (scheduled.has(fn)) continue;
      const { stack, id, resource } = t.locate(functionOf(fn));
      expect(resource.Properties.DeadLetterConfig, fn).toBeUndefined();
      expect(
        t
          .allOfType('AWS::Lambda::EventInvokeConfig')
          .filter((c) => c.stack === stack && c.resource.Properties.FunctionName?.Ref === id),
        fn,
      ).toHaveLength(0);
    }
    const ruleTargets = t
      .allOfType('AWS::Events::Rule')
      .filter(({ resource }) => resource.Properties.EventPattern)
      .flatMap(({ stack, resource }) =>
        (resource.Properties.Targets as Record<string, Cfn>[]).map((target) => ({ stack, target })),
      );
    expect(ruleTargets.length).toBeGreaterThan(0);
    for (const { stack, target } of ruleTargets) {
      const targetId = target.Arn['Fn::GetAtt'][0] as string;
      expect(t.resources(stack).find(([id]) => id === targetId)?.[1].Type).toBe('AWS::SQS::Queue');
    }
  });

  it('renders every deployed route with the authorization its auth level asks for', () => {
    const authorizers = t
      .allOfType('AWS::ApiGatewayV2::Authorizer')
      .filter(({ resource }) => resource.Properties.AuthorizerType === 'REQUEST');
    const httpAuthorizer = authorizers.find(
      ({ resource }) => resource.Properties.AuthorizerPayloadFormatVersion === '2.0',
    );
    expect(httpAuthorizer?.resource.Properties).toMatchObject({
      EnableSimpleResponses: true,
      IdentitySource: ['$request.header.Authorization'],
      AuthorizerResultTtlInSeconds: 0,
    });
    // In the stack of the module whose function it calls, and on the root's API.
    expect(httpAuthorizer?.stack).toBe(model.authorizer?.module);
    expect(t.follow(httpAuthorizer?.stack ?? '', httpAuthorizer?.resource.Properties.ApiId)).toEqual({
      stack: ROOT,
      value: { Ref: t.logicalIdOf(synth.stack.httpApi.api) },
    });
    expect(JSON.stringify(httpAuthorizer?.resource.Properties.AuthorizerUri)).toContain(
      JSON.stringify({ 'Fn::GetAtt': [logicalIdOfFunction(model.authorizer?.functionId ?? ''), 'Arn'] }),
    );
    const deployed = model.routes.filter((r) => !r.localOnly);
    expect(deployed.some((r) => r.auth === 'public') && deployed.some((r) => r.auth !== 'public')).toBe(true);
    // Guarded routes in a module other than the authorizer's too, so the reference across stacks is checked.
    expect(deployed.some((r) => r.auth !== 'public' && r.module !== model.authorizer?.module)).toBe(true);
    for (const route of deployed) {
      const key = `${route.method} ${route.path}`;
      const rendered = t
        .ofType(route.module, 'AWS::ApiGatewayV2::Route')
        .filter(([, r]) => r.Properties.RouteKey === key);
      expect(rendered, key).toHaveLength(1);
      const properties = (rendered[0] as [string, Resource])[1].Properties;
      expect(t.follow(route.module, properties?.ApiId), key).toEqual({
        stack: ROOT,
        value: { Ref: t.logicalIdOf(synth.stack.httpApi.api) },
      });
      if (route.auth === 'public') {
        expect(properties?.AuthorizationType, key).toBe('NONE');
        expect(properties?.AuthorizerId, key).toBeUndefined();
      } else {
        expect(properties?.AuthorizationType, key).toBe('CUSTOM');
        expect(t.follow(route.module, properties?.AuthorizerId), key).toEqual({
          stack: httpAuthorizer?.stack,
          value: { Ref: httpAuthorizer?.id },
        });
      }
    }
  });

  it('renders no localOnly route and no function that only serves one', () => {
    const localOnly = model.routes.filter((r) => r.localOnly);
    expect(localOnly.length).toBeGreaterThan(0);
    const routeKeys = t
      .allOfType('AWS::ApiGatewayV2::Route')
      .map(({ resource }) => resource.Properties.RouteKey);
    for (const route of localOnly) expect(routeKeys).not.toContain(`${route.method} ${route.path}`);
    const deployedIds = new Set(deployedFunctions(model).map((f) => f.id));
    for (const route of localOnly) expect(deployedIds.has(route.functionId)).toBe(false);
    // One Lambda per deployed model function, plus the catalog writer.
    expect(t.allOfType('AWS::Lambda::Function')).toHaveLength(deployedIds.size + 1);
  });

  it('lets every module put events only with its own source', () => {
    const putEvents = t
      .allOfType('AWS::IAM::Policy')
      .flatMap(({ stack, resource }) =>
        (resource.Properties.PolicyDocument.Statement as Record<string, Cfn>[])
          .filter((s) => [s.Action].flat().includes('events:PutEvents'))
          .map((statement) => ({ stack, statement })),
      );
    expect(putEvents).toHaveLength(model.modules.length);
    for (const module of model.modules) {
      const own = putEvents.filter(
        ({ statement }) => statement.Condition?.StringEquals?.['events:source'] === `soleil.${module.name}`,
      );
      expect(own.map(({ stack }) => stack)).toEqual([module.name]);
    }
  });

  it('gives each function the platform environment and only its own tables', () => {
    for (const fn of deployedFunctions(model)) {
      const { stack, resource } = t.locate(functionOf(fn.id));
      expect(stack).toBe(fn.module);
      const env = resource.Properties.Environment.Variables;
      expect(env[PLATFORM_ENV.module]).toBe(fn.module);
      expect(env.POWERTOOLS_SERVICE_NAME).toBe(fn.module);
      for (const key of [PLATFORM_ENV.stage, PLATFORM_ENV.eventBusName, PLATFORM_ENV.serviceCatalogTable]) {
        expect(env[key], `${fn.id} ${key}`).toBeDefined();
      }
      // The bus and the catalog are the root's: the values come down as parameters.
      expect(t.follow(stack, env[PLATFORM_ENV.eventBusName])).toEqual({
        stack: ROOT,
        value: { Ref: t.logicalIdOf(synth.stack.eventBus.bus) },
      });
      expect(t.follow(stack, env[PLATFORM_ENV.serviceCatalogTable])).toEqual({
        stack: ROOT,
        value: { Ref: t.logicalIdOf(synth.stack.catalog.table) },
      });
      const tableVars = Object.keys(env).filter((k) => k.startsWith('SOLEIL_TABLE_'));
      const own = model.tables.filter((tm) => tm.module === fn.module).map((tm) => tm.envVar);
      expect(tableVars.sort()).toEqual([...own].sort());
    }
  });

  it('renders every model table in its module’s stack: on demand, PITR, encrypted, TTL and GSIs as declared', () => {
    for (const table of model.tables) {
      t.template(table.module).hasResourceProperties('AWS::DynamoDB::Table', {
        KeySchema: [
          { AttributeName: table.partitionKey.name, KeyType: 'HASH' },
          ...(table.sortKey ? [{ AttributeName: table.sortKey.name, KeyType: 'RANGE' }] : []),
        ],
        BillingMode: 'PAY_PER_REQUEST',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        SSESpecification: { SSEEnabled: true },
        ...(table.ttlAttribute
          ? { TimeToLiveSpecification: { AttributeName: table.ttlAttribute, Enabled: true } }
          : {}),
        ...(table.indexes.length > 0
          ? { GlobalSecondaryIndexes: table.indexes.map((i) => Match.objectLike({ IndexName: i.name })) }
          : {}),
      });
    }
  });

  it('gives the authorizer the leader route keys and lets modules invoke only the services they use', () => {
    const authorizerId = model.authorizer?.functionId ?? '';
    const env = t.locate(functionOf(authorizerId)).resource.Properties.Environment.Variables;
    const deployedLeaderRoutes = leaderRouteKeys(model, { includeLocalOnly: false });
    expect(JSON.parse(env[PLATFORM_ENV.leaderRoutes])).toEqual(deployedLeaderRoutes);
    expect(deployedLeaderRoutes.length).toBeGreaterThan(0);

    /** Every function a module's role may invoke, as `<stack>:<logical id>`, wherever the policy lives. */
    const invoked = (module: string): string[] => {
      const roleId = t.logicalIdOf(synth.stack.modules.get(module)?.role);
      return t
        .allOfType('AWS::IAM::Policy')
        .filter(({ stack, resource }) =>
          (resource.Properties.Roles as Cfn[]).some((role) => {
            const followed = t.follow(stack, role);
            return followed.stack === module && followed.value?.Ref === roleId;
          }),
        )
        .flatMap(({ stack, resource }) =>
          (resource.Properties.PolicyDocument.Statement as Record<string, Cfn>[])
            .filter((s) => s.Action === 'lambda:InvokeFunction')
            .flatMap((s) =>
              [s.Resource].flat().map((r: Cfn) => {
                const followed = t.follow(stack, r);
                return `${followed.stack}:${followed.value['Fn::GetAtt'][0]}`;
              }),
            ),
        );
    };
    const located = (functionId: string): string => {
      const { stack, id } = t.locate(functionOf(functionId));
      return `${stack}:${id}`;
    };
    for (const module of model.modules) {
      const expected = model.services
        .filter((s) => module.dependencies.includes(s.module))
        .map((s) => located(s.functionId));
      if (module.name === 'core') {
        expected.push(...model.modules.map((m) => located(m.healthFunctionId)));
      }
      expect(invoked(module.name).sort(), module.name).toEqual(expected.sort());
    }
    // The grants that join modules are the root's: no module stack refers to another module's functions.
    for (const module of model.modules) {
      const policies = t.ofType(module.name, 'AWS::IAM::Policy');
      const invokes = policies.flatMap(([, p]) =>
        (p.Properties.PolicyDocument.Statement as Record<string, Cfn>[]).filter(
          (s) => s.Action === 'lambda:InvokeFunction',
        ),
      );
      expect(invokes, module.name).toEqual([]);
    }
  });

  it('gives every module its alarms and a composite in its stack, and the critical modules a composite', () => {
    const alarms = t.allOfType('AWS::CloudWatch::Alarm');
    for (const module of model.modules) {
      const rendered = synth.stack.modules.get(module.name);
      const functions = rendered?.functions.size ?? 0;
      const queues = rendered?.deadLetterQueues.length ?? 0;
      const rules = model.rules.filter((r) => r.module === module.name).length;
      const schedules = model.schedules.filter((s) => s.module === module.name).length;
      const own = alarms.filter(({ resource }) =>
        String(resource.Properties.AlarmDescription).startsWith(`${module.name}:`),
      );
      expect(new Set(own.map(({ stack }) => stack)), module.name).toEqual(new Set([module.name]));
      const authorizers = module.name === model.authorizer?.module ? 1 : 0;
      const declared = model.alarms.filter((a) => a.module === module.name).length;
      expect(own, module.name).toHaveLength(
        functions * 3 - authorizers + declared + queues + rules + schedules,
      );
      expect(own.filter(({ resource }) => resource.Properties.MetricName === 'Errors')).toHaveLength(
        functions - authorizers,
      );
      expect(
        own.filter(({ resource }) => resource.Properties.MetricName === 'FailedInvocations'),
      ).toHaveLength(rules + schedules);
      expect(
        own.filter(({ resource }) => resource.Properties.MetricName === 'ApproximateNumberOfMessagesVisible'),
      ).toHaveLength(queues);
      // The module's composite watches exactly its alarms and notifies the root's topic.
      const composite = t.locate(synth.stack.moduleStacks.get(module.name)?.alarms.composite);
      expect(composite.stack).toBe(module.name);
      const rule = JSON.stringify(composite.resource.Properties.AlarmRule);
      for (const { id } of own) expect(rule, id).toContain(`"${id}"`);
      expect(composite.resource.Properties.AlarmActions.map((a: Cfn) => t.follow(module.name, a))).toEqual([
        { stack: ROOT, value: { Ref: t.logicalIdOf(synth.stack.alarmTopic.topic) } },
      ]);
    }
    const composites = t.allOfType('AWS::CloudWatch::CompositeAlarm');
    expect(composites).toHaveLength(model.modules.length + 1);
    const critical = composites.find(({ id }) => id.includes('CriticalModules'));
    expect(critical?.stack).toBe(ROOT);
    const rule = JSON.stringify(t.followDeep(ROOT, critical?.resource.Properties.AlarmRule));
    for (const module of model.modules) {
      const composite = t.logicalIdOf(synth.stack.moduleStacks.get(module.name)?.alarms.composite);
      expect(rule.includes(`"${composite}"`), module.name).toBe(module.critical);
    }
    t.root.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
    expect(t.allOfType('AWS::CloudWatch::Dashboard')).toHaveLength(1);
  });

  it("does not alarm on the authorizer's Lambda errors (its refusals): its module's declared alarm does", () => {
    const authorizer = model.authorizer;
    expect(authorizer).not.toBeNull();
    const { stack, id: fnId } = t.locate(functionOf(authorizer?.functionId ?? ''));
    const alarms = t.allOfType('AWS::CloudWatch::Alarm').filter((a) => a.stack === stack);
    const onAuthorizer = alarms
      .map(({ resource }) => resource.Properties)
      .filter((a) => (a.Dimensions as { Value: Cfn }[] | undefined)?.some((d) => d.Value?.Ref === fnId));
    expect(onAuthorizer.map((a) => a.MetricName).sort()).toEqual(['Duration', 'Throttles']);
    expect(model.alarms.some((a) => a.module === authorizer?.module)).toBe(true);
  });

  it('renders every alarm a module declares on its own metric, and graphs the declared metrics', () => {
    expect(model.alarms.map((a) => a.id)).toEqual(['auth-AuthorizerFailing', 'auth-SignInSlow']);
    for (const declared of model.alarms) {
      const alarms = t.ofType(declared.module, 'AWS::CloudWatch::Alarm').map(([, a]) => a.Properties);
      expect(alarms, declared.id).toContainEqual(
        expect.objectContaining({
          Namespace: METRICS_NAMESPACE,
          MetricName: declared.metric,
          Dimensions: expect.arrayContaining([
            { Name: 'module', Value: declared.module },
            { Name: 'service', Value: declared.module },
          ]),
          Threshold: declared.threshold,
          EvaluationPeriods: declared.evaluationPeriods,
          Period: declared.periodMinutes * 60,
          ComparisonOperator: 'GreaterThanOrEqualToThreshold',
          TreatMissingData: 'notBreaching',
          AlarmDescription: `${declared.module}: ${declared.description}`,
          ...(declared.statistic.startsWith('p')
            ? { ExtendedStatistic: declared.statistic }
            : { Statistic: declared.statistic }),
        }),
      );
    }
    // A declared metric nobody alarms on (refusals) is graphed, never alarmed.
    const alarms = t.allOfType('AWS::CloudWatch::Alarm').map(({ resource }) => resource.Properties);
    expect(alarms.some((a) => a.MetricName === 'AuthorizerRefusals')).toBe(false);
    const [, dashboard] = t.ofType(ROOT, 'AWS::CloudWatch::Dashboard')[0] ?? [];
    const body = JSON.stringify(dashboard?.Properties.DashboardBody);
    for (const metric of model.metrics) expect(body, metric.name).toContain(metric.name);
    // Each module's row graphs its functions, whose names come up from the module stacks.
    const followedBody = JSON.stringify(t.followDeep(ROOT, dashboard?.Properties.DashboardBody));
    for (const fn of deployedFunctions(model)) {
      expect(followedBody, fn.id).toContain(JSON.stringify({ Ref: logicalIdOfFunction(fn.id) }));
    }
  });

  it('renders the WebSocket routes with the authorizer on $connect and the management endpoint', () => {
    expect(model.webSocketRoutes.some((r) => !r.routeKey.startsWith('$'))).toBe(true);
    const webSocketApiId = t.logicalIdOf(synth.stack.webSocketApi?.api);
    const webSocketAuthorizers = t
      .allOfType('AWS::ApiGatewayV2::Authorizer')
      .filter(
        ({ resource }) =>
          JSON.stringify(resource.Properties.IdentitySource) === '["route.request.querystring.token"]',
      );
    expect(webSocketAuthorizers).toHaveLength(1);
    const [webSocketAuthorizer] = webSocketAuthorizers;
    expect(webSocketAuthorizer?.stack).toBe(model.authorizer?.module);
    expect(
      t.follow(webSocketAuthorizer?.stack ?? '', webSocketAuthorizer?.resource.Properties.ApiId),
    ).toEqual({
      stack: ROOT,
      value: { Ref: webSocketApiId },
    });
    for (const route of model.webSocketRoutes) {
      const webSocketRoutes = t
        .ofType(route.module, 'AWS::ApiGatewayV2::Route')
        .filter(([, r]) => r.Properties.RouteKey === route.routeKey);
      expect(webSocketRoutes, route.routeKey).toHaveLength(1);
      const [routeId, rendered] = webSocketRoutes[0] as [string, Resource];
      expect(t.follow(route.module, rendered.Properties.ApiId)).toEqual({
        stack: ROOT,
        value: { Ref: webSocketApiId },
      });
      if (route.routeKey === '$connect') {
        expect(rendered.Properties.AuthorizationType).toBe('CUSTOM');
        expect(t.follow(route.module, rendered.Properties.AuthorizerId)).toEqual({
          stack: webSocketAuthorizer?.stack,
          value: { Ref: webSocketAuthorizer?.id },
        });
      } else {
        expect(rendered.Properties.AuthorizationType, route.routeKey).toBe('NONE');
      }
      // Two-way routes send the handler's answer (replies, error frames) back, as the embedded platform does.
      const twoWay = !['$connect', '$disconnect'].includes(route.routeKey);
      expect(rendered.Properties.RouteResponseSelectionExpression, route.routeKey).toBe(
        twoWay ? '$default' : undefined,
      );
      if (twoWay) {
        t.template(route.module).hasResourceProperties('AWS::ApiGatewayV2::RouteResponse', {
          RouteId: { Ref: routeId },
          RouteResponseKey: '$default',
        });
      }
    }
    for (const fn of deployedFunctions(model).filter((f) =>
      model.webSocketRoutes.some((r) => r.module === f.module),
    )) {
      const env = t.locate(functionOf(fn.id)).resource.Properties.Environment.Variables;
      expect(env.AWS_ENDPOINT_URL_APIGATEWAYMANAGEMENTAPI, fn.id).toBeDefined();
      expect(JSON.stringify(t.followDeep(fn.module, env.AWS_ENDPOINT_URL_APIGATEWAYMANAGEMENTAPI))).toContain(
        JSON.stringify({ Ref: webSocketApiId }),
      );
    }
    t.root.resourceCountIs('AWS::ApiGatewayV2::Stage', 2);
    expect(t.allOfType('AWS::ApiGatewayV2::Stage')).toHaveLength(2);
    for (const [, stage] of t.ofType(ROOT, 'AWS::ApiGatewayV2::Stage')) {
      expect(stage.Properties.AccessLogSettings.DestinationArn).toBeDefined();
      expect(stage.Properties.DefaultRouteSettings.ThrottlingRateLimit).toBeGreaterThan(0);
    }
  });

  it('throttles the HTTP API as the model says: the default on every route, tighter limits where declared', () => {
    const [[, stage]] = t
      .ofType(ROOT, 'AWS::ApiGatewayV2::Stage')
      .filter(([, st]) => st.Properties.StageName === '$default') as [[string, Resource]];
    expect(stage.Properties.DefaultRouteSettings).toMatchObject({
      ThrottlingRateLimit: model.throttling.default.rateLimit,
      ThrottlingBurstLimit: model.throttling.default.burstLimit,
    });
    const deployed = model.throttling.routes.filter((r) => !r.localOnly);
    // The fixture limits one deployed route and one local-only route; AWS gets the deployed one only.
    expect(deployed.map((r) => r.routeKey)).toEqual(['PUT /api/auth/bands/{bandId}/members/{userId}']);
    expect(model.throttling.routes.some((r) => r.localOnly)).toBe(true);
    expect(stage.Properties.RouteSettings).toEqual(
      Object.fromEntries(
        deployed.map((r) => [
          r.routeKey,
          { ThrottlingRateLimit: r.rateLimit, ThrottlingBurstLimit: r.burstLimit },
        ]),
      ),
    );
    // The stage names the limited routes by key, so it waits for the stacks that create them.
    const limited = t
      .allOfType('AWS::ApiGatewayV2::Route')
      .filter(({ resource }) => deployed.some((d) => d.routeKey === resource.Properties.RouteKey));
    expect(limited).toHaveLength(deployed.length);
    for (const { stack } of limited) expect(stage.DependsOn).toContain(t.nestedStackId(stack));
  });

  it('registers one draft-4 schema per event contract, versioned by the contract version', () => {
    const schemas = t.ofType(ROOT, 'AWS::EventSchemas::Schema');
    expect(schemas).toHaveLength(eventContracts.length);
    for (const contract of eventContracts) {
      const schema = schemas.find(([, s]) => JSON.parse(s.Properties.Content).title === contract.name)?.[1];
      expect(schema?.Properties.Type).toBe('JSONSchemaDraft4');
      expect(schema?.Properties.Tags).toContainEqual({
        Key: 'contractVersion',
        Value: String(contract.version),
      });
      const content = JSON.parse(schema?.Properties.Content);
      expect(content.$schema).toBe('http://json-schema.org/draft-04/schema#');
      expect(content.properties['detail-type'].enum).toEqual([contract.name]);
      expect(Object.keys(content.properties.detail.properties)).toEqual(['metadata', 'data']);
    }
    t.root.hasResourceProperties('AWS::Events::Archive', {
      EventPattern: { source: [{ prefix: 'soleil.' }] },
    });
  });

  it('fills the catalog at deploy time with every module, the ARNs of their services and a hash of the entries', () => {
    const [, catalog] = t.ofType(ROOT, 'Custom::SoleilServiceCatalog')[0] as [string, Resource];
    expect(catalog.Properties.EntriesHash).toMatch(/^[0-9a-f]{64}$/);
    const json = JSON.stringify(catalog.Properties.EntriesJson);
    for (const module of model.modules) expect(json).toContain(`\\"name\\":\\"${module.name}\\"`);
    // The function ARNs come up from the module stacks' outputs.
    const followed = JSON.stringify(t.followDeep(ROOT, catalog.Properties.EntriesJson));
    for (const service of model.services) {
      expect(followed, `${service.module} ${service.name}`).toContain(
        JSON.stringify({ 'Fn::GetAtt': [logicalIdOfFunction(service.functionId), 'Arn'] }),
      );
    }
  });

  it('outputs the API URLs, bus name and catalog table name', () => {
    for (const output of ['HttpApiUrl', 'WebSocketUrl', 'EventBusName', 'ServiceCatalogTableName']) {
      t.root.hasOutput(output, {});
    }
  });
});

describe('SoleilStack checks', () => {
  it('passes the cdk-nag AwsSolutions and Serverless packs', () => {
    const { app } = synthStack(model, { nag: true });
    expect(() => app.synth()).not.toThrow();
  });

  it.each([
    ['Serverless-LambdaEventSourceMappingDestination', /Event Source Mapping does not have a destination/],
    ['AwsSolutions-APIG4', /AwsSolutions-APIG4/],
  ])('fails synth when the acknowledgment %s is missing (negative control)', (ruleId, finding) => {
    const original = Validations.prototype.acknowledge;
    const skipOne = vi.spyOn(Validations.prototype, 'acknowledge').mockImplementation(function (
      this: Validations,
      ...rules
    ) {
      original.apply(
        this,
        rules.filter((r) => r.id !== ruleId),
      );
    });
    try {
      // The stack's template is synthesized with the packs on: the finding stops it.
      expect(() => synthStack(model, { nag: true })).toThrow(finding);
      expect(skipOne.mock.calls.some((call) => call.some((r) => r.id === ruleId))).toBe(true);
    } finally {
      skipOne.mockRestore();
    }
  });

  it('retains data and protects tables from deletion in prod', () => {
    const prod = synthStack(model, { stage: 'prod' }).templates;
    const tables = prod.allOfType('AWS::DynamoDB::Table').map(({ resource }) => resource);
    expect(tables.length).toBe(model.tables.length + 1);
    for (const table of tables) {
      expect(table.DeletionPolicy).toBe('Retain');
      expect(table.Properties.DeletionProtectionEnabled).toBe(true);
    }
  });

  it('answers CORS on the HTTP API only for the origins the stage context names', () => {
    const api = (root: Template) => Object.values(root.findResources('AWS::ApiGatewayV2::Api'));
    const http = (root: Template) => api(root).find((a) => a.Properties.ProtocolType === 'HTTP');
    expect(http(t.root)?.Properties.CorsConfiguration).toBeUndefined();
    const withCors = synthStack(model, {
      context: { corsAllowOrigins: 'https://app.soleil.example, http://localhost:5173' },
    }).template;
    expect(http(withCors)?.Properties.CorsConfiguration).toMatchObject({
      AllowOrigins: ['https://app.soleil.example', 'http://localhost:5173'],
      AllowHeaders: expect.arrayContaining(['authorization', 'content-type']),
      AllowMethods: expect.arrayContaining(['GET', 'POST', 'OPTIONS']),
    });
    expect(() => synthStack(model, { stage: 'prod', context: { corsAllowOrigins: '*' } })).toThrow(
      /cannot be \* in prod/,
    );
    expect(() => synthStack(model, { context: { corsAllowOrigins: 'app.example.com' } })).toThrow(
      /corsAllowOrigins/,
    );
  });

  it('fails synth with a clear message when routes need an authorizer nobody provides', async () => {
    const manifests = (await fixtureManifests()).map((m) => ({ ...m, authorizer: undefined }));
    const noWebSocket = manifests.map((m) => ({ ...m, webSocketRoutes: [] }));
    expect(() => synthStack(modelOf(noWebSocket))).toThrow(/GET \/api\/system\/modules need an authorizer/);
  });
});
