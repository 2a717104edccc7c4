import {
  AlarmRule,
  CompositeAlarm,
  Dashboard,
  GraphWidget,
  type IAlarm,
  type IAlarmAction,
  TextWidget,
} from 'aws-cdk-lib/aws-cloudwatch';
import { Construct } from 'constructs';
import type { PlatformModel } from '../../shared/platformModel/PlatformModel.ts';
import type { ModuleAlarms } from './ModuleAlarms.ts';
import type { ModuleConstruct } from './ModuleConstruct.ts';
import { HEALTH_PERIOD, moduleMetric } from './moduleMetric.ts';

/** A rendered module and its health alarms, as the root stack watches them. */
export interface WatchedModule {
  readonly module: ModuleConstruct;
  readonly alarms: ModuleAlarms;
}

export interface ObservabilityConstructProps {
  readonly model: PlatformModel;
  /** The rendered modules, one per manifest, with their alarms (which live in their module stacks). */
  readonly modules: readonly WatchedModule[];
  /** What the critical modules' composite alarm does when it fires (the platform's alarm topic). */
  readonly alarmAction: IAlarmAction;
  /**
   * Name of the dashboard.
   * @default a generated name
   */
  readonly dashboardName?: string;
}

/**
 * The platform-wide view over the modules: a composite alarm over the critical modules' composites (the platform
 * is degraded) and a dashboard with one row per module (and its declared metrics). Each module's own alarms and
 * composite are rendered in its stack (ModuleAlarms); this construct only refers to them.
 */
export class ObservabilityConstruct extends Construct {
  /** In alarm when any critical module is: the platform is degraded. Absent when no module is critical. */
  readonly criticalAlarm: CompositeAlarm | undefined;
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: ObservabilityConstructProps) {
    super(scope, id);
    this.dashboard = new Dashboard(this, 'Dashboard', {
      ...(props.dashboardName ? { dashboardName: props.dashboardName } : {}),
    });
    for (const { module } of props.modules) this.addDashboardRow(module, props.model);

    const critical = props.modules.filter(({ module }) => module.moduleModel.critical);
    this.criticalAlarm =
      critical.length > 0
        ? new CompositeAlarm(this, 'CriticalModules', {
            alarmDescription: `A critical module (${critical.map(({ module }) => module.moduleModel.name).join(', ')}) is unhealthy: the platform is degraded.`,
            alarmRule: AlarmRule.anyOf(...critical.map(({ alarms }): IAlarm => alarms.composite)),
          })
        : undefined;
    this.criticalAlarm?.addAlarmAction(props.alarmAction);
  }

  private addDashboardRow(module: ModuleConstruct, platform: PlatformModel): void {
    const functions = [...module.functions.values()];
    const model = module.moduleModel;
    const declared = platform.metrics.filter((m) => m.module === model.name);
    if (declared.length > 0) {
      this.dashboard.addWidgets(
        new GraphWidget({
          title: `${model.name} metrics`,
          left: declared.map((m) => moduleMetric(model.name, m.name)),
          width: 24,
          height: 4,
        }),
      );
    }
    this.dashboard.addWidgets(
      new TextWidget({
        markdown: `## ${model.name} ${model.version}${model.critical ? ' (critical)' : ''}\n${model.description}`,
        width: 4,
        height: 6,
      }),
      new GraphWidget({
        title: `${model.name} errors`,
        left: functions.map((fn) => fn.metricErrors({ period: HEALTH_PERIOD })),
        width: 5,
      }),
      new GraphWidget({
        title: `${model.name} p99 duration`,
        left: functions.map((fn) => fn.metricDuration({ period: HEALTH_PERIOD, statistic: 'p99' })),
        width: 5,
      }),
      new GraphWidget({
        title: `${model.name} throttles`,
        left: functions.map((fn) => fn.metricThrottles({ period: HEALTH_PERIOD })),
        width: 5,
      }),
      new GraphWidget({
        title: `${model.name} dead letters`,
        left: module.deadLetterQueues.map((q) =>
          q.metricApproximateNumberOfMessagesVisible({ period: HEALTH_PERIOD }),
        ),
        width: 5,
      }),
    );
  }
}
