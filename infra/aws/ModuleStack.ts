import { NestedStack, type RemovalPolicy } from 'aws-cdk-lib';
import type { IAlarmAction } from 'aws-cdk-lib/aws-cloudwatch';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { RUNTIME_ENV } from '../../shared/contracts/platformEnvironment.ts';
import type { ModuleModel, PlatformModel } from '../../shared/platformModel/PlatformModel.ts';
import { EdgeAuthorizers } from './EdgeAuthorizers.ts';
import type { EventBusConstruct } from './EventBusConstruct.ts';
import type { HttpApiConstruct } from './HttpApiConstruct.ts';
import { ModuleAlarms } from './ModuleAlarms.ts';
import { ModuleConstruct } from './ModuleConstruct.ts';
import { ModuleHttpRoutes } from './ModuleHttpRoutes.ts';
import { ModuleWebSocketRoutes } from './ModuleWebSocketRoutes.ts';
import type { ServiceCatalogConstruct } from './ServiceCatalogConstruct.ts';
import type { WebSocketApiConstruct } from './WebSocketApiConstruct.ts';

export interface ModuleStackProps {
  readonly model: PlatformModel;
  /** The module this stack renders. */
  readonly module: ModuleModel;
  readonly stage: string;
  /**
   * Values of module settings (manifest `config`), from CDK context `soleil:config`.
   * @default {}
   */
  readonly settings?: Readonly<Record<string, string>>;
  /** The platform's bus, catalog, APIs and alarm topic: resources of the root stack. */
  readonly eventBus: EventBusConstruct;
  readonly catalog: ServiceCatalogConstruct;
  readonly httpApi: HttpApiConstruct;
  /** @default none: the model has no WebSocket routes */
  readonly webSocketApi?: WebSocketApiConstruct;
  /** What the module's composite alarm does when it fires. */
  readonly alarmAction: IAlarmAction;
  /**
   * The authorizers of the module that provides them, for this module's non-public routes and `$connect`.
   * Ignored by the module that provides the model's authorizer: its stack renders them.
   * @default none
   */
  readonly authorizers?: EdgeAuthorizers;
  /** @default RetentionDays.TWO_WEEKS */
  readonly logRetention?: RetentionDays;
  /** @default RemovalPolicy.DESTROY */
  readonly dataRemovalPolicy?: RemovalPolicy;
  /** @default false */
  readonly deletionProtection?: boolean;
  /**
   * Folder that holds the model's `functions/` tree.
   * @default the repository root
   */
  readonly sourceRoot?: string;
}

/**
 * One module as a CloudFormation nested stack: its resources (ModuleConstruct: functions and log groups, role,
 * tables, keys, storage, subscriptions, schedules), its HTTP and WebSocket routes with their integrations and
 * permissions, its health alarms and composite, and — in the module that provides it — the edges' authorizers.
 *
 * A stack per module keeps every template far below CloudFormation's 500 resources as modules grow. The stack
 * refers to the root (bus, catalog, APIs, alarm topic; CDK turns those into parameters) and, for the
 * authorizer ids, to the providing module's stack; it never refers to another module otherwise. What joins
 * modules (service invoke grants, the catalog, the dashboard, the critical-modules alarm) is in the root, which
 * reads the module stacks' outputs.
 */
export class ModuleStack extends NestedStack {
  readonly module: ModuleConstruct;
  /** The edges' authorizers, when this module provides the model's authorizer. */
  readonly authorizers: EdgeAuthorizers | undefined;
  readonly httpRoutes: ModuleHttpRoutes;
  /** Absent unless the module serves WebSocket routes. */
  readonly webSocketRoutes: ModuleWebSocketRoutes | undefined;
  readonly alarms: ModuleAlarms;

  constructor(scope: Construct, id: string, props: ModuleStackProps) {
    super(scope, id, { description: `SOLEil module ${props.module.name} ${props.module.version}` });
    const { model, module } = props;
    // The id the module construct had in the single stack: logical ids inside this stack stay the same.
    this.module = new ModuleConstruct(this, `Module-${module.name}`, {
      model,
      module,
      stage: props.stage,
      eventBus: props.eventBus,
      catalog: props.catalog,
      ...(props.settings ? { settings: props.settings } : {}),
      ...(props.logRetention ? { logRetention: props.logRetention } : {}),
      ...(props.dataRemovalPolicy ? { dataRemovalPolicy: props.dataRemovalPolicy } : {}),
      ...(props.deletionProtection !== undefined ? { deletionProtection: props.deletionProtection } : {}),
      ...(props.sourceRoot ? { sourceRoot: props.sourceRoot } : {}),
    });
    const functionFor = (functionId: string) => this.module.functionById(functionId);

    this.authorizers =
      model.authorizer?.module === module.name
        ? new EdgeAuthorizers(this, 'Authorizers', {
            function: functionFor(model.authorizer.functionId),
            httpApi: props.httpApi.api,
            ...(props.webSocketApi ? { webSocketApi: props.webSocketApi.api } : {}),
          })
        : undefined;
    const authorizers = this.authorizers ?? props.authorizers;

    this.httpRoutes = new ModuleHttpRoutes(this, 'HttpRoutes', {
      httpApi: props.httpApi,
      routes: model.routes.filter((r) => r.module === module.name && !r.localOnly),
      functionFor,
      ...(authorizers ? { authorizer: authorizers.http } : {}),
    });

    const webSocketRoutes = model.webSocketRoutes.filter((r) => r.module === module.name);
    const webSocketApi = props.webSocketApi;
    if (webSocketApi && webSocketRoutes.length > 0) {
      this.webSocketRoutes = new ModuleWebSocketRoutes(this, 'WebSocketRoutes', {
        webSocketApi,
        routes: webSocketRoutes,
        functionFor,
        ...(authorizers?.webSocket ? { authorizer: authorizers.webSocket } : {}),
      });
      // The module answers its clients through the management API.
      webSocketApi.grantManageConnections(this.module.role);
      for (const fn of this.module.functions.values()) {
        fn.addEnvironment(RUNTIME_ENV.managementApiEndpoint, webSocketApi.managementEndpoint);
      }
    } else {
      this.webSocketRoutes = undefined;
    }

    this.alarms = new ModuleAlarms(this, 'Alarms', {
      model,
      module: this.module,
      alarmAction: props.alarmAction,
    });
  }
}
