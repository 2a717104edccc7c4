import { Validations } from 'aws-cdk-lib';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { deployedFunctions } from '../../../../infra/aws/deployedFunctions.ts';
import { eventContracts } from '../../../../shared/contracts/eventCatalog.ts';
import { PLATFORM_ENV } from '../../../../shared/contracts/platformEnvironment.ts';
import { METRICS_NAMESPACE } from '../../../../shared/contracts/platformMetrics.ts';
import { leaderRouteKeys } from '../../../../shared/platformModel/leaderRouteKeys.ts';
import type { PlatformModel } from '../../../../shared/platformModel/PlatformModel.ts';
import { fixtureManifests, modelOf, synthStack } from './synthFixtureStack.ts';

// biome-ignore lint/suspicious/noExplicitAny: synthesized CloudFormation is untyped JSON.
type Cfn = any;
type Resource = { Type: string; Properties: Record<string, Cfn>; DeletionPolicy?: string };

let model: PlatformModel;
let template: Template;
let resources: [string, Resource][];
const ofType = (type: string): [string, Resource][] => resources.filter(([, r]) => r.Type === type);
const logicalIdOfFunction = (stack: ReturnType<typeof synthStack>['stack'], functionId: string): string => {
  const owner = model.functions.find((f) => f.id === functionId)?.module ?? '';
  const fn = stack.modules.get(owner)?.functionById(functionId);
  return stack.getLogicalId(fn?.node.defaultChild as never);
};
let stackRef: ReturnType<typeof synthStack>['stack'];

beforeAll(async () => {
  model = modelOf(await fixtureManifests());
  const result = synthStack(model);
  template = result.template;
  stackRef = result.stack;
  resources = Object.entries(template.toJSON().Resources as Record<string, Resource>);
});

describe('SoleilStack rendered from the fixture model', () => {
  it('renders every subscription as rule → encrypted queue → subscriber, with the model retries and a DLQ', () => {
    expect(model.rules.length).toBeGreaterThan(0);
    const denyInsecure = Match.arrayWith([
      Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    ]);
    for (const rule of model.rules) {
      const matches = ofType('AWS::Events::Rule').filter(
        ([, r]) => JSON.stringify(r.Properties.EventPattern) === JSON.stringify(rule.pattern),
      );
      expect(matches, rule.id).toHaveLength(1);
      const [ruleId, rendered] = matches[0] as [string, Resource];
      expect(rendered.Properties.EventBusName).toBeDefined();
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
      for (const [, policy] of ofType('AWS::SQS::QueuePolicy').filter(([, p]) =>
        JSON.stringify(p.Properties.Queues).includes(queueId),
      )) {
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
      const mappings = ofType('AWS::Lambda::EventSourceMapping').filter(
        ([, m]) => m.Properties.EventSourceArn['Fn::GetAtt']?.[0] === queueId,
      );
      expect(mappings, rule.id).toHaveLength(1);
      const [, mapping] = mappings[0] as [string, Resource];
      expect(mapping.Properties.FunctionName).toEqual({
        Ref: logicalIdOfFunction(stackRef, rule.functionId),
      });
      expect(mapping.Properties.FunctionResponseTypes).toEqual(['ReportBatchItemFailures']);
      expect(mapping.Properties.BatchSize).toBeLessThanOrEqual(10);
    }
  });

  it('invokes no subscriber asynchronously: no Lambda retries or function DLQ outside schedules', () => {
    const scheduled = new Set(model.schedules.map((s) => logicalIdOfFunction(stackRef, s.functionId)));
    for (const fn of new Set(model.rules.map((r) => r.functionId))) {
      const id = logicalIdOfFunction(stackRef, fn);
      if (scheduled.has(id)) continue;
      expect(template.toJSON().Resources[id].Properties.DeadLetterConfig, fn).toBeUndefined();
      expect(
        ofType('AWS::Lambda::EventInvokeConfig').filter(([, c]) => c.Properties.FunctionName?.Ref === id),
        fn,
      ).toHaveLength(0);
    }
    const ruleTargets = ofType('AWS::Events::Rule')
      .filter(([, r]) => r.Properties.EventPattern)
      .flatMap(([, r]) => r.Properties.Targets as Record<string, Cfn>[]);
    for (const target of ruleTargets) {
      const targetId = target.Arn['Fn::GetAtt'][0] as string;
      expect(resources.find(([id]) => id === targetId)?.[1].Type).toBe('AWS::SQS::Queue');
    }
  });

  it('renders every deployed route with the authorization its auth level asks for', () => {
    const authorizers = ofType('AWS::ApiGatewayV2::Authorizer').filter(
      ([, r]) => r.Properties.AuthorizerType === 'REQUEST',
    );
    const httpAuthorizer = authorizers.find(([, r]) => r.Properties.AuthorizerPayloadFormatVersion === '2.0');
    expect(httpAuthorizer?.[1].Properties).toMatchObject({
      EnableSimpleResponses: true,
      IdentitySource: ['$request.header.Authorization'],
    });
    const deployed = model.routes.filter((r) => !r.localOnly);
    expect(deployed.some((r) => r.auth === 'public') && deployed.some((r) => r.auth !== 'public')).toBe(true);
    for (const route of deployed) {
      const key = `${route.method} ${route.path}`;
      if (route.auth === 'public') {
        template.hasResourceProperties('AWS::ApiGatewayV2::Route', {
          RouteKey: key,
          AuthorizationType: 'NONE',
        });
      } else {
        template.hasResourceProperties('AWS::ApiGatewayV2::Route', {
          RouteKey: key,
          AuthorizationType: 'CUSTOM',
          AuthorizerId: { Ref: httpAuthorizer?.[0] },
        });
      }
    }
  });

  it('renders no localOnly route and no function that only serves one', () => {
    const localOnly = model.routes.filter((r) => r.localOnly);
    expect(localOnly.length).toBeGreaterThan(0);
    const routeKeys = ofType('AWS::ApiGatewayV2::Route').map(([, r]) => r.Properties.RouteKey);
    for (const route of localOnly) expect(routeKeys).not.toContain(`${route.method} ${route.path}`);
    const deployedIds = new Set(deployedFunctions(model).map((f) => f.id));
    for (const route of localOnly) expect(deployedIds.has(route.functionId)).toBe(false);
    // One Lambda per deployed model function, plus the catalog writer.
    expect(ofType('AWS::Lambda::Function')).toHaveLength(deployedIds.size + 1);
  });

  it('lets every module put events only with its own source', () => {
    const putEvents = ofType('AWS::IAM::Policy').flatMap(([, p]) =>
      (p.Properties.PolicyDocument.Statement as Record<string, Cfn>[]).filter((s) =>
        [s.Action].flat().includes('events:PutEvents'),
      ),
    );
    expect(putEvents).toHaveLength(model.modules.length);
    for (const module of model.modules) {
      expect(
        putEvents.filter((s) => s.Condition?.StringEquals?.['events:source'] === `soleil.${module.name}`),
      ).toHaveLength(1);
    }
  });

  it('gives each function the platform environment and only its own tables', () => {
    for (const fn of deployedFunctions(model)) {
      const env =
        template.toJSON().Resources[logicalIdOfFunction(stackRef, fn.id)].Properties.Environment.Variables;
      expect(env[PLATFORM_ENV.module]).toBe(fn.module);
      expect(env.POWERTOOLS_SERVICE_NAME).toBe(fn.module);
      for (const key of [PLATFORM_ENV.stage, PLATFORM_ENV.eventBusName, PLATFORM_ENV.serviceCatalogTable]) {
        expect(env[key], `${fn.id} ${key}`).toBeDefined();
      }
      const tableVars = Object.keys(env).filter((k) => k.startsWith('SOLEIL_TABLE_'));
      const own = model.tables.filter((t) => t.module === fn.module).map((t) => t.envVar);
      expect(tableVars.sort()).toEqual([...own].sort());
    }
  });

  it('renders every model table: on demand, PITR, encrypted, TTL and GSIs as declared', () => {
    for (const table of model.tables) {
      template.hasResourceProperties('AWS::DynamoDB::Table', {
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
    const env =
      template.toJSON().Resources[logicalIdOfFunction(stackRef, authorizerId)].Properties.Environment
        .Variables;
    const deployedLeaderRoutes = leaderRouteKeys(model, { includeLocalOnly: false });
    expect(JSON.parse(env[PLATFORM_ENV.leaderRoutes])).toEqual(deployedLeaderRoutes);
    expect(deployedLeaderRoutes.length).toBeGreaterThan(0);

    const invokeResources = (module: string): string[] =>
      ofType('AWS::IAM::Policy')
        .filter(([, p]) => JSON.stringify(p.Properties.Roles).includes(`Module${module}Role`))
        .flatMap(([, p]) => p.Properties.PolicyDocument.Statement as Record<string, Cfn>[])
        .filter((s) => s.Action === 'lambda:InvokeFunction')
        .flatMap((s) => [s.Resource].flat().map((r: Cfn) => r['Fn::GetAtt'][0] as string));
    for (const module of model.modules) {
      const expected = model.services
        .filter((s) => module.dependencies.includes(s.module))
        .map((s) => logicalIdOfFunction(stackRef, s.functionId));
      if (module.name === 'core') {
        expected.push(...model.modules.map((m) => logicalIdOfFunction(stackRef, m.healthFunctionId)));
      }
      expect(invokeResources(module.name).sort(), module.name).toEqual(expected.sort());
    }
  });

  it('gives every module its alarms and a composite, and the critical modules a composite', () => {
    const alarms = ofType('AWS::CloudWatch::Alarm');
    for (const module of model.modules) {
      const rendered = stackRef.modules.get(module.name);
      const functions = rendered?.functions.size ?? 0;
      const queues = rendered?.deadLetterQueues.length ?? 0;
      const rules = model.rules.filter((r) => r.module === module.name).length;
      const schedules = model.schedules.filter((s) => s.module === module.name).length;
      const own = alarms.filter(([, a]) =>
        String(a.Properties.AlarmDescription).startsWith(`${module.name}:`),
      );
      const authorizers = module.name === model.authorizer?.module ? 1 : 0;
      const declared = model.alarms.filter((a) => a.module === module.name).length;
      expect(own, module.name).toHaveLength(
        functions * 3 - authorizers + declared + queues + rules + schedules,
      );
      expect(own.filter(([, a]) => a.Properties.MetricName === 'Errors')).toHaveLength(
        functions - authorizers,
      );
      expect(own.filter(([, a]) => a.Properties.MetricName === 'FailedInvocations')).toHaveLength(
        rules + schedules,
      );
      expect(
        own.filter(([, a]) => a.Properties.MetricName === 'ApproximateNumberOfMessagesVisible'),
      ).toHaveLength(queues);
    }
    const composites = ofType('AWS::CloudWatch::CompositeAlarm');
    expect(composites).toHaveLength(model.modules.length + 1);
    const critical = composites.find(([id]) => id.includes('CriticalModules'))?.[1];
    const rule = JSON.stringify(critical?.Properties.AlarmRule);
    for (const module of model.modules) {
      expect(rule.includes(`${module.name}Health`), module.name).toBe(module.critical);
    }
    template.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
  });

  it("does not alarm on the authorizer's Lambda errors (its refusals): its module's declared alarm does", () => {
    const authorizer = model.authorizer;
    expect(authorizer).not.toBeNull();
    const fnId = logicalIdOfFunction(stackRef, authorizer?.functionId ?? '');
    const alarms = ofType('AWS::CloudWatch::Alarm').map(([, a]) => a.Properties);
    const onAuthorizer = alarms.filter((a) =>
      (a.Dimensions as { Value: Cfn }[] | undefined)?.some((d) => d.Value?.Ref === fnId),
    );
    expect(onAuthorizer.map((a) => a.MetricName).sort()).toEqual(['Duration', 'Throttles']);
    expect(model.alarms.some((a) => a.module === authorizer?.module)).toBe(true);
  });

  it('renders every alarm a module declares on its own metric, and graphs the declared metrics', () => {
    const alarms = ofType('AWS::CloudWatch::Alarm').map(([, a]) => a.Properties);
    expect(model.alarms.map((a) => a.id)).toEqual(['auth-AuthorizerFailing', 'auth-SignInSlow']);
    for (const declared of model.alarms) {
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
    expect(alarms.some((a) => a.MetricName === 'AuthorizerRefusals')).toBe(false);
    const [, dashboard] = ofType('AWS::CloudWatch::Dashboard')[0] ?? [];
    const body = JSON.stringify(dashboard?.Properties.DashboardBody);
    for (const metric of model.metrics) expect(body, metric.name).toContain(metric.name);
  });

  it('renders the WebSocket routes with the authorizer on $connect and the management endpoint', () => {
    expect(model.webSocketRoutes.some((r) => !r.routeKey.startsWith('$'))).toBe(true);
    const webSocketRoutes = ofType('AWS::ApiGatewayV2::Route').filter(([, r]) =>
      model.webSocketRoutes.some((m) => m.routeKey === r.Properties.RouteKey),
    );
    for (const route of model.webSocketRoutes) {
      template.hasResourceProperties('AWS::ApiGatewayV2::Route', {
        RouteKey: route.routeKey,
        AuthorizationType: route.routeKey === '$connect' ? 'CUSTOM' : 'NONE',
      });
      // Two-way routes send the handler's answer (replies, error frames) back, as the embedded platform does.
      const rendered = webSocketRoutes.find(([, r]) => r.Properties.RouteKey === route.routeKey)?.[1];
      const twoWay = !['$connect', '$disconnect'].includes(route.routeKey);
      expect(rendered?.Properties.RouteResponseSelectionExpression, route.routeKey).toBe(
        twoWay ? '$default' : undefined,
      );
      if (twoWay) {
        template.hasResourceProperties('AWS::ApiGatewayV2::RouteResponse', {
          RouteId: { Ref: webSocketRoutes.find(([, r]) => r.Properties.RouteKey === route.routeKey)?.[0] },
          RouteResponseKey: '$default',
        });
      }
    }
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      IdentitySource: ['route.request.querystring.token'],
    });
    for (const fn of deployedFunctions(model).filter((f) =>
      model.webSocketRoutes.some((r) => r.module === f.module),
    )) {
      const env =
        template.toJSON().Resources[logicalIdOfFunction(stackRef, fn.id)].Properties.Environment.Variables;
      expect(env.AWS_ENDPOINT_URL_APIGATEWAYMANAGEMENTAPI, fn.id).toBeDefined();
    }
    template.resourceCountIs('AWS::ApiGatewayV2::Stage', 2);
    for (const [, stage] of ofType('AWS::ApiGatewayV2::Stage')) {
      expect(stage.Properties.AccessLogSettings.DestinationArn).toBeDefined();
      expect(stage.Properties.DefaultRouteSettings.ThrottlingRateLimit).toBeGreaterThan(0);
    }
  });

  it('throttles the HTTP API as the model says: the default on every route, tighter limits where declared', () => {
    const [[, stage]] = ofType('AWS::ApiGatewayV2::Stage').filter(
      ([, st]) => st.Properties.StageName === '$default',
    ) as [[string, Resource & { DependsOn?: string[] }]];
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
    const routeIds = ofType('AWS::ApiGatewayV2::Route')
      .filter(([, r]) => deployed.some((d) => d.routeKey === r.Properties.RouteKey))
      .map(([id]) => id);
    expect(routeIds).toHaveLength(deployed.length);
    for (const id of routeIds) expect(stage.DependsOn).toContain(id);
  });

  it('registers one draft-4 schema per event contract, versioned by the contract version', () => {
    const schemas = ofType('AWS::EventSchemas::Schema');
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
    template.hasResourceProperties('AWS::Events::Archive', {
      EventPattern: { source: [{ prefix: 'soleil.' }] },
    });
  });

  it('fills the catalog at deploy time with every module and a hash of the entries', () => {
    const [, catalog] = ofType('Custom::SoleilServiceCatalog')[0] as [string, Resource];
    expect(catalog.Properties.EntriesHash).toMatch(/^[0-9a-f]{64}$/);
    const json = JSON.stringify(catalog.Properties.EntriesJson);
    for (const module of model.modules) expect(json).toContain(`\\"name\\":\\"${module.name}\\"`);
  });

  it('outputs the API URLs, bus name and catalog table name', () => {
    for (const output of ['HttpApiUrl', 'WebSocketUrl', 'EventBusName', 'ServiceCatalogTableName']) {
      template.hasOutput(output, {});
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
    const prod = synthStack(model, { stage: 'prod' }).template;
    const tables = Object.values(prod.findResources('AWS::DynamoDB::Table'));
    expect(tables.length).toBe(model.tables.length + 1);
    for (const table of tables) {
      expect(table.DeletionPolicy).toBe('Retain');
      expect(table.Properties.DeletionProtectionEnabled).toBe(true);
    }
  });

  it('answers CORS on the HTTP API only for the origins the stage context names', () => {
    const api = (t: Template) => Object.values(t.findResources('AWS::ApiGatewayV2::Api'));
    const http = (t: Template) => api(t).find((a) => a.Properties.ProtocolType === 'HTTP');
    expect(http(template)?.Properties.CorsConfiguration).toBeUndefined();
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
