import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';
import type { PlatformModel } from '../../shared/platformModel/PlatformModel.ts';
import { AlarmTopic } from './AlarmTopic.ts';
import { EventBusConstruct } from './EventBusConstruct.ts';
import { HttpApiConstruct } from './HttpApiConstruct.ts';
import type { ModuleConstruct } from './ModuleConstruct.ts';
import { ModuleInvokePolicy } from './ModuleInvokePolicy.ts';
import { ModuleStack } from './ModuleStack.ts';
import { ObservabilityConstruct } from './ObservabilityConstruct.ts';
import { ServiceCatalogConstruct } from './ServiceCatalogConstruct.ts';
import type { StageConfig } from './StageConfig.ts';
import { WebSocketApiConstruct } from './WebSocketApiConstruct.ts';

/**
 * The platform's own module: it polls every module's health check and records the result in the catalog.
 * A convention of the platform (like `/api/system` being core's), not a module the stack special-cases otherwise.
 */
const HEALTH_POLLING_MODULE = 'core';

export interface SoleilStackProps extends StackProps {
  readonly model: PlatformModel;
  readonly config: StageConfig;
  /**
   * Folder that holds the model's `functions/` tree.
   * @default the repository root
   */
  readonly sourceRoot?: string;
}

/**
 * The whole platform on AWS, rendered from the platform model; nothing here names a module's routes or events.
 *
 * The root stack holds the shared platform — bus, archive and schema registry, service catalog and its writer,
 * the HTTP and WebSocket APIs with their stages, the alarm topic, the dashboard and the critical-modules alarm —
 * and the grants that join modules. Each module is a nested stack of its own (ModuleStack), so no template comes
 * near CloudFormation's 500-resource limit as modules grow.
 */
export class SoleilStack extends Stack {
  /** The model this stack was rendered from. */
  readonly model: PlatformModel;
  readonly eventBus: EventBusConstruct;
  readonly catalog: ServiceCatalogConstruct;
  /** Each module's nested stack, by module name. */
  readonly moduleStacks: ReadonlyMap<string, ModuleStack>;
  /** Each module's resources (in its nested stack), by module name. */
  readonly modules: ReadonlyMap<string, ModuleConstruct>;
  readonly httpApi: HttpApiConstruct;
  readonly webSocketApi: WebSocketApiConstruct | undefined;
  readonly alarmTopic: AlarmTopic;
  readonly observability: ObservabilityConstruct;

  constructor(scope: Construct, id: string, props: SoleilStackProps) {
    super(scope, id, props);
    const { model, config } = props;
    this.model = model;

    this.eventBus = new EventBusConstruct(this, 'Events', {
      archiveRetentionDays: config.archiveRetentionDays,
    });
    this.catalog = new ServiceCatalogConstruct(this, 'ServiceCatalog', {
      removalPolicy: config.dataRemovalPolicy,
      deletionProtection: config.deletionProtection,
      logRetention: config.logRetention,
    });
    this.alarmTopic = new AlarmTopic(this, 'Alarms', { keyRemovalPolicy: config.dataRemovalPolicy });
    this.httpApi = new HttpApiConstruct(this, 'HttpApi', {
      routes: model.routes,
      authorizerProvided: model.authorizer !== null,
      throttling: model.throttling,
      logRetention: config.logRetention,
      corsAllowOrigins: config.corsAllowOrigins,
    });
    this.webSocketApi =
      model.webSocketRoutes.length > 0
        ? new WebSocketApiConstruct(this, 'WebSocketApi', {
            routes: model.webSocketRoutes,
            authorizerProvided: model.authorizer !== null,
            throttle: config.webSocketThrottle,
            logRetention: config.logRetention,
          })
        : undefined;

    // The module providing the authorizer comes first: the other modules' routes use its authorizers.
    const providerFirst = [...model.modules].sort(
      (a, b) => Number(b.name === model.authorizer?.module) - Number(a.name === model.authorizer?.module),
    );
    const moduleStacks = new Map<string, ModuleStack>();
    let authorizers: ModuleStack['authorizers'];
    for (const module of providerFirst) {
      const moduleStack = new ModuleStack(this, `ModuleStack-${module.name}`, {
        model,
        module,
        stage: config.stage,
        settings: config.settings,
        eventBus: this.eventBus,
        catalog: this.catalog,
        httpApi: this.httpApi,
        ...(this.webSocketApi ? { webSocketApi: this.webSocketApi } : {}),
        alarmAction: this.alarmTopic.action,
        ...(authorizers ? { authorizers } : {}),
        logRetention: config.logRetention,
        dataRemovalPolicy: config.dataRemovalPolicy,
        deletionProtection: config.deletionProtection,
        ...(props.sourceRoot ? { sourceRoot: props.sourceRoot } : {}),
      });
      authorizers ??= moduleStack.authorizers;
      moduleStacks.set(module.name, moduleStack);
    }
    // Manifest order, as everything else reads the model.
    this.moduleStacks = new Map(
      model.modules.flatMap((m) => {
        const moduleStack = moduleStacks.get(m.name);
        return moduleStack ? [[m.name, moduleStack] as const] : [];
      }),
    );
    const modules = new Map([...this.moduleStacks].map(([name, s]) => [name, s.module] as const));
    this.modules = modules;
    const functionFor = (functionId: string): IFunction => {
      const owner = model.functions.find((f) => f.id === functionId)?.module;
      const module = owner ? modules.get(owner) : undefined;
      if (!module) throw new Error(`The model names function "${functionId}", which no module owns.`);
      return module.functionById(functionId);
    };

    // Service calls: only to the modules a module declares in `uses`; the poller also calls every health check.
    const poller = modules.get(HEALTH_POLLING_MODULE);
    for (const module of model.modules) {
      const caller = modules.get(module.name);
      if (!caller) continue;
      const invoked = [
        ...module.dependencies.flatMap((dependency) => modules.get(dependency)?.serviceFunctions ?? []),
        ...(caller === poller ? [...modules.values()].map((m) => m.healthFunction) : []),
      ];
      if (invoked.length > 0) {
        new ModuleInvokePolicy(this, `Invoke-${module.name}`, { role: caller.role, functions: invoked });
      }
    }
    if (poller) this.catalog.grantReadWrite(poller.role);

    this.catalog.populateFrom(model, (functionId) => functionFor(functionId).functionArn);

    this.observability = new ObservabilityConstruct(this, 'Observability', {
      model,
      modules: [...this.moduleStacks.values()],
      alarmAction: this.alarmTopic.action,
      dashboardName: `${this.stackName}-modules`,
    });

    new CfnOutput(this, 'HttpApiUrl', { value: this.httpApi.url, description: 'Base URL of the HTTP API' });
    new CfnOutput(this, 'WebSocketUrl', {
      value: this.webSocketApi?.url ?? 'none: no module declares WebSocket routes',
      description: 'URL of the WebSocket API',
    });
    new CfnOutput(this, 'EventBusName', { value: this.eventBus.bus.eventBusName });
    new CfnOutput(this, 'ServiceCatalogTableName', { value: this.catalog.tableName });
    // Outputs of a nested stack are not shown by `cdk deploy`: the secrets' names are the root's outputs.
    for (const module of modules.values()) {
      for (const { model: secret, secret: rendered } of module.storage.secrets) {
        new CfnOutput(this, `Secret-${secret.id}`, {
          value: rendered.secretName,
          description: `Secret of ${secret.module}: ${secret.description} Put its value with aws secretsmanager put-secret-value.`,
        });
      }
    }
  }
}
