import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';
import { RUNTIME_ENV } from '../../shared/contracts/platformEnvironment.ts';
import type { PlatformModel } from '../../shared/platformModel/PlatformModel.ts';
import { EventBusConstruct } from './EventBusConstruct.ts';
import { HttpApiConstruct } from './HttpApiConstruct.ts';
import { ModuleConstruct } from './ModuleConstruct.ts';
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

/** The whole platform on AWS, rendered from the platform model; nothing here names a module's routes or events. */
export class SoleilStack extends Stack {
  /** The model this stack was rendered from. */
  readonly model: PlatformModel;
  readonly eventBus: EventBusConstruct;
  readonly catalog: ServiceCatalogConstruct;
  readonly modules: ReadonlyMap<string, ModuleConstruct>;
  readonly httpApi: HttpApiConstruct;
  readonly webSocketApi: WebSocketApiConstruct | undefined;
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

    const modules = new Map<string, ModuleConstruct>();
    for (const module of model.modules) {
      modules.set(
        module.name,
        new ModuleConstruct(this, `Module-${module.name}`, {
          model,
          module,
          stage: config.stage,
          settings: config.settings,
          eventBus: this.eventBus,
          catalog: this.catalog,
          logRetention: config.logRetention,
          dataRemovalPolicy: config.dataRemovalPolicy,
          deletionProtection: config.deletionProtection,
          ...(props.sourceRoot ? { sourceRoot: props.sourceRoot } : {}),
        }),
      );
    }
    this.modules = modules;
    const functionFor = (functionId: string): IFunction => {
      const owner = model.functions.find((f) => f.id === functionId)?.module;
      const module = owner ? modules.get(owner) : undefined;
      if (!module) throw new Error(`The model names function "${functionId}", which no module owns.`);
      return module.functionById(functionId);
    };

    // Service calls: only to the modules a module declares in `uses`.
    for (const module of model.modules) {
      const caller = modules.get(module.name);
      caller?.allowInvoke(
        module.dependencies.flatMap((dependency) => modules.get(dependency)?.serviceFunctions ?? []),
      );
    }
    const poller = modules.get(HEALTH_POLLING_MODULE);
    if (poller) {
      poller.allowInvoke([...modules.values()].map((module) => module.healthFunction));
      this.catalog.grantReadWrite(poller.role);
    }

    const authorizerFunction = model.authorizer
      ? modules.get(model.authorizer.module)?.functionById(model.authorizer.functionId)
      : undefined;

    this.httpApi = new HttpApiConstruct(this, 'HttpApi', {
      routes: model.routes,
      functionFor,
      authorizerFunction,
      throttling: model.throttling,
      logRetention: config.logRetention,
      corsAllowOrigins: config.corsAllowOrigins,
    });

    this.webSocketApi =
      model.webSocketRoutes.length > 0
        ? new WebSocketApiConstruct(this, 'WebSocketApi', {
            routes: model.webSocketRoutes,
            functionFor,
            authorizerFunction,
            throttle: config.webSocketThrottle,
            logRetention: config.logRetention,
          })
        : undefined;
    if (this.webSocketApi) {
      for (const owner of new Set(model.webSocketRoutes.map((r) => r.module))) {
        const module = modules.get(owner);
        if (!module) continue;
        this.webSocketApi.grantManageConnections(module.role);
        for (const fn of module.functions.values()) {
          fn.addEnvironment(RUNTIME_ENV.managementApiEndpoint, this.webSocketApi.managementEndpoint);
        }
      }
    }

    this.catalog.populateFrom(model, (functionId) => functionFor(functionId).functionArn);

    this.observability = new ObservabilityConstruct(this, 'Observability', {
      model,
      modules: [...modules.values()],
      dashboardName: `${this.stackName}-modules`,
      keyRemovalPolicy: config.dataRemovalPolicy,
    });

    new CfnOutput(this, 'HttpApiUrl', { value: this.httpApi.url, description: 'Base URL of the HTTP API' });
    new CfnOutput(this, 'WebSocketUrl', {
      value: this.webSocketApi?.url ?? 'none: no module declares WebSocket routes',
      description: 'URL of the WebSocket API',
    });
    new CfnOutput(this, 'EventBusName', { value: this.eventBus.bus.eventBusName });
    new CfnOutput(this, 'ServiceCatalogTableName', { value: this.catalog.tableName });
  }
}
