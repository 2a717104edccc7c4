import { Duration, type RemovalPolicy } from 'aws-cdk-lib';
import {
  Alarm,
  AlarmRule,
  ComparisonOperator,
  CompositeAlarm,
  Dashboard,
  GraphWidget,
  type IAlarm,
  type IMetric,
  Metric,
  TextWidget,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { METRICS_NAMESPACE, moduleMetricDimensions } from '../../shared/contracts/platformMetrics.ts';
import type { AlarmModel, PlatformModel } from '../../shared/platformModel/PlatformModel.ts';
import type { ModuleConstruct } from './ModuleConstruct.ts';

const PERIOD = Duration.minutes(5);
/** p99 duration alarms fire at this share of the function timeout: close to timing out, not yet failing. */
const DURATION_ALARM_SHARE_OF_TIMEOUT = 0.8;

export interface ObservabilityConstructProps {
  readonly model: PlatformModel;
  /** The rendered modules, one per manifest. */
  readonly modules: readonly ModuleConstruct[];
  /**
   * Name of the dashboard.
   * @default a generated name
   */
  readonly dashboardName?: string;
  /**
   * Removal policy of the alarm topic's KMS key.
   * @default the Key default (RETAIN)
   */
  readonly keyRemovalPolicy?: RemovalPolicy;
}

/** The alarms of one module, and the composite alarm over them. */
export interface ModuleAlarms {
  readonly module: string;
  readonly alarms: readonly Alarm[];
  readonly composite: CompositeAlarm;
}

/**
 * Health alarms per module — function errors (not the authorizer's: its refusals are Lambda errors), throttles,
 * p99 duration against the timeout, messages in any DLQ, rule invocation failures, and the alarms the module
 * declares on its own metrics —, a composite alarm per module and one over the critical modules, an encrypted
 * SNS topic they notify, and a dashboard with one row per module (and its declared metrics).
 */
export class ObservabilityConstruct extends Construct {
  readonly topic: Topic;
  readonly moduleAlarms: readonly ModuleAlarms[];
  /** In alarm when any critical module is: the platform is degraded. Absent when no module is critical. */
  readonly criticalAlarm: CompositeAlarm | undefined;
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: ObservabilityConstructProps) {
    super(scope, id);
    const key = new Key(this, 'TopicKey', {
      enableKeyRotation: true,
      description: 'Encrypts the SOLEil alarm topic',
      ...(props.keyRemovalPolicy ? { removalPolicy: props.keyRemovalPolicy } : {}),
    });
    // CloudWatch publishes alarm notifications to the topic, so it must be able to use the topic's key.
    key.grant(new ServicePrincipal('cloudwatch.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey*');
    this.topic = new Topic(this, 'AlarmTopic', {
      displayName: 'SOLEil platform alarms',
      masterKey: key,
      enforceSSL: true,
    });
    const notify = new SnsAction(this.topic);

    this.dashboard = new Dashboard(this, 'Dashboard', {
      ...(props.dashboardName ? { dashboardName: props.dashboardName } : {}),
    });

    this.moduleAlarms = props.modules.map((module) => {
      const alarms = this.alarmsOf(module, props.model);
      const composite = new CompositeAlarm(this, `${module.moduleModel.name}-Health`, {
        alarmDescription: `Module ${module.moduleModel.name} is unhealthy: one of its alarms fires.`,
        alarmRule: AlarmRule.anyOf(...alarms),
      });
      composite.addAlarmAction(notify);
      this.addDashboardRow(module, props.model);
      return { module: module.moduleModel.name, alarms, composite };
    });

    const critical = this.moduleAlarms.filter((m) =>
      props.model.modules.some((model) => model.name === m.module && model.critical),
    );
    this.criticalAlarm =
      critical.length > 0
        ? new CompositeAlarm(this, 'CriticalModules', {
            alarmDescription: `A critical module (${critical.map((m) => m.module).join(', ')}) is unhealthy: the platform is degraded.`,
            alarmRule: AlarmRule.anyOf(...critical.map((m): IAlarm => m.composite)),
          })
        : undefined;
    this.criticalAlarm?.addAlarmAction(notify);
  }

  private alarmsOf(module: ModuleConstruct, model: PlatformModel): Alarm[] {
    const name = module.moduleModel.name;
    const alarms: Alarm[] = [];
    const alarm = (id: string, metric: IMetric, threshold: number, description: string): void => {
      alarms.push(
        new Alarm(this, `${name}-${id}`, {
          metric,
          threshold,
          evaluationPeriods: 1,
          comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
          treatMissingData: TreatMissingData.NOT_BREACHING,
          alarmDescription: `${name}: ${description}`,
        }),
      );
    };
    const authorizerId = model.authorizer?.module === name ? model.authorizer.functionId : undefined;
    for (const [functionId, fn] of module.functions) {
      const timeoutSeconds = model.functions.find((f) => f.id === functionId)?.timeoutSeconds ?? 0;
      // API Gateway turns only an "Unauthorized" error into a 401, so the authorizer's refusals are errors:
      // its module declares an alarm on its real failures instead (the model insists on one).
      if (functionId !== authorizerId) {
        alarm(
          `${functionId}-Errors`,
          fn.metricErrors({ period: PERIOD }),
          1,
          `${functionId} returned errors.`,
        );
      }
      alarm(
        `${functionId}-Throttles`,
        fn.metricThrottles({ period: PERIOD }),
        1,
        `${functionId} was throttled.`,
      );
      alarm(
        `${functionId}-Duration`,
        fn.metricDuration({ period: PERIOD, statistic: 'p99' }),
        timeoutSeconds * 1000 * DURATION_ALARM_SHARE_OF_TIMEOUT,
        `${functionId} p99 duration is close to its ${timeoutSeconds} s timeout.`,
      );
    }
    for (const queue of module.deadLetterQueues) {
      alarm(
        `${queue.node.id}-Messages`,
        queue.metricApproximateNumberOfMessagesVisible({ period: PERIOD, statistic: 'Maximum' }),
        1,
        `dead-letter queue ${queue.node.id} holds undelivered events.`,
      );
    }
    for (const rendered of [...module.rules, ...module.schedules]) {
      const onCustomBus = module.rules.some((r) => r.rule === rendered.rule);
      alarm(
        `${rendered.rule.node.id}-FailedInvocations`,
        new Metric({
          namespace: 'AWS/Events',
          metricName: 'FailedInvocations',
          dimensionsMap: {
            RuleName: rendered.rule.ruleName,
            ...(onCustomBus ? { EventBusName: module.busName } : {}),
          },
          period: PERIOD,
          statistic: 'Sum',
        }),
        1,
        `rule ${rendered.rule.node.id} failed to invoke its target.`,
      );
    }
    for (const declared of model.alarms.filter((a) => a.module === name)) {
      alarms.push(
        new Alarm(this, `${name}-${declared.name}`, {
          metric: moduleMetric(name, declared.metric, declared),
          threshold: declared.threshold,
          evaluationPeriods: declared.evaluationPeriods,
          comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
          // A module counts failures when they happen: a period without data is a period without failures.
          treatMissingData: TreatMissingData.NOT_BREACHING,
          alarmDescription: `${name}: ${declared.description}`,
        }),
      );
    }
    return alarms;
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
        left: functions.map((fn) => fn.metricErrors({ period: PERIOD })),
        width: 5,
      }),
      new GraphWidget({
        title: `${model.name} p99 duration`,
        left: functions.map((fn) => fn.metricDuration({ period: PERIOD, statistic: 'p99' })),
        width: 5,
      }),
      new GraphWidget({
        title: `${model.name} throttles`,
        left: functions.map((fn) => fn.metricThrottles({ period: PERIOD })),
        width: 5,
      }),
      new GraphWidget({
        title: `${model.name} dead letters`,
        left: module.deadLetterQueues.map((q) =>
          q.metricApproximateNumberOfMessagesVisible({ period: PERIOD }),
        ),
        width: 5,
      }),
    );
  }
}

/** A metric a module emits through the kit (EMF: the platform namespace, the module's dimensions). */
const moduleMetric = (
  module: string,
  metricName: string,
  alarm?: Pick<AlarmModel, 'statistic' | 'periodMinutes'>,
): Metric =>
  new Metric({
    namespace: METRICS_NAMESPACE,
    metricName,
    dimensionsMap: { ...moduleMetricDimensions(module) },
    period: alarm ? Duration.minutes(alarm.periodMinutes) : PERIOD,
    statistic: alarm?.statistic ?? 'Sum',
  });
