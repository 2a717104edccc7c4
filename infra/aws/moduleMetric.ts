import { Duration } from 'aws-cdk-lib';
import { Metric } from 'aws-cdk-lib/aws-cloudwatch';
import { METRICS_NAMESPACE, moduleMetricDimensions } from '../../shared/contracts/platformMetrics.ts';
import type { AlarmModel } from '../../shared/platformModel/PlatformModel.ts';

/** The period of the platform's own alarms and of the dashboard's graphs. */
export const HEALTH_PERIOD = Duration.minutes(5);

/** A metric a module emits through the kit (EMF: the platform namespace, the module's dimensions). */
export const moduleMetric = (
  module: string,
  metricName: string,
  alarm?: Pick<AlarmModel, 'statistic' | 'periodMinutes'>,
): Metric =>
  new Metric({
    namespace: METRICS_NAMESPACE,
    metricName,
    dimensionsMap: { ...moduleMetricDimensions(module) },
    period: alarm ? Duration.minutes(alarm.periodMinutes) : HEALTH_PERIOD,
    statistic: alarm?.statistic ?? 'Sum',
  });
