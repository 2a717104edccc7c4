import {
  Alarm,
  AlarmRule,
  ComparisonOperator,
  CompositeAlarm,
  type IAlarmAction,
  type IMetric,
  Metric,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { Construct } from 'constructs';
import type { PlatformModel } from '../../shared/platformModel/PlatformModel.ts';
import type { ModuleConstruct } from './ModuleConstruct.ts';
import { HEALTH_PERIOD, moduleMetric } from './moduleMetric.ts';

/** p99 duration alarms fire at this share of the function timeout: close to timing out, not yet failing. */
const DURATION_ALARM_SHARE_OF_TIMEOUT = 0.8;

export interface ModuleAlarmsProps {
  readonly model: PlatformModel;
  /** The module the alarms watch. */
  readonly module: ModuleConstruct;
  /** What the module's composite alarm does when it fires (the platform's alarm topic). */
  readonly alarmAction: IAlarmAction;
}

/**
 * One module's health alarms — function errors (not the authorizer's: its refusals are Lambda errors), throttles,
 * p99 duration against the timeout, messages in any DLQ, rule invocation failures, and the alarms the module
 * declares on its own metrics — and the composite alarm over them, which notifies the platform's topic.
 *
 * They live beside what they watch, in the module's stack: a module's alarms grow with its functions, queues
 * and rules, and the root stack keeps only the composite over the critical modules.
 */
export class ModuleAlarms extends Construct {
  readonly alarms: readonly Alarm[];
  /** In alarm when any of the module's alarms is. */
  readonly composite: CompositeAlarm;

  constructor(scope: Construct, id: string, props: ModuleAlarmsProps) {
    super(scope, id);
    const name = props.module.moduleModel.name;
    this.alarms = this.alarmsOf(props.module, props.model);
    this.composite = new CompositeAlarm(this, `${name}-Health`, {
      alarmDescription: `Module ${name} is unhealthy: one of its alarms fires.`,
      alarmRule: AlarmRule.anyOf(...this.alarms),
    });
    this.composite.addAlarmAction(props.alarmAction);
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
          fn.metricErrors({ period: HEALTH_PERIOD }),
          1,
          `${functionId} returned errors.`,
        );
      }
      alarm(
        `${functionId}-Throttles`,
        fn.metricThrottles({ period: HEALTH_PERIOD }),
        1,
        `${functionId} was throttled.`,
      );
      alarm(
        `${functionId}-Duration`,
        fn.metricDuration({ period: HEALTH_PERIOD, statistic: 'p99' }),
        timeoutSeconds * 1000 * DURATION_ALARM_SHARE_OF_TIMEOUT,
        `${functionId} p99 duration is close to its ${timeoutSeconds} s timeout.`,
      );
    }
    for (const queue of module.deadLetterQueues) {
      alarm(
        `${queue.node.id}-Messages`,
        queue.metricApproximateNumberOfMessagesVisible({ period: HEALTH_PERIOD, statistic: 'Maximum' }),
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
          period: HEALTH_PERIOD,
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
}
