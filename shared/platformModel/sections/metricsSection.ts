import type { ModuleManifest } from '../../contracts/moduleManifest.ts';
import { OUTBOX_ALARM_NAME, outboxAlarm, outboxMetrics } from '../outboxModel.ts';
import type { AlarmModel, MetricModel } from '../PlatformModel.ts';
import type { ModelSection } from './ModelSection.ts';

/**
 * Metrics and alarms: names unique per module, every alarm on a metric its module declares, and the
 * authorizer's module alarmed on something (the platform cannot alarm on the authorizer's Lambda errors,
 * which are its refusals). A module with `outbox: true` gets the outbox's metrics and its alarm from the
 * platform (their names reserved); its own alarms may watch them too.
 */
export const metricsSection = (
  manifests: readonly ModuleManifest[],
): ModelSection<{ readonly metrics: readonly MetricModel[]; readonly alarms: readonly AlarmModel[] }> => {
  const problems: string[] = [];
  const metrics: MetricModel[] = [];
  const alarms: AlarmModel[] = [];
  for (const m of manifests) {
    const declared = new Set<string>();
    const implicit = m.outbox ? outboxMetrics(m.name) : [];
    for (const metric of m.metrics) {
      if (implicit.some((i) => i.name === metric.name)) {
        problems.push(
          `Module "${m.name}" declares metric "${metric.name}", which its outbox reports already: remove it.`,
        );
        continue;
      }
      if (declared.has(metric.name)) {
        problems.push(`Module "${m.name}" declares metric "${metric.name}" twice: remove one.`);
        continue;
      }
      declared.add(metric.name);
      metrics.push({ module: m.name, name: metric.name, unit: metric.unit, description: metric.description });
    }
    for (const metric of implicit) {
      declared.add(metric.name);
      metrics.push(metric);
    }
    const alarmNames = new Set<string>();
    for (const alarm of m.alarms) {
      if (alarm.name === OUTBOX_ALARM_NAME && m.outbox) {
        problems.push(
          `Module "${m.name}" declares alarm "${alarm.name}", the one the platform sets on its outbox: rename it.`,
        );
        continue;
      }
      if (alarmNames.has(alarm.name)) {
        problems.push(`Module "${m.name}" declares alarm "${alarm.name}" twice: rename one.`);
        continue;
      }
      alarmNames.add(alarm.name);
      if (!declared.has(alarm.metric)) {
        problems.push(
          `Module "${m.name}" alarm "${alarm.name}" watches metric "${alarm.metric}", which ${m.name} does not ` +
            `declare: add it to ${m.name}'s metrics, or fix the alarm's metric.`,
        );
      }
      alarms.push({ id: `${m.name}-${alarm.name}`, module: m.name, ...alarm });
    }
    if (m.outbox) alarms.push(outboxAlarm(m.name));
    if (m.authorizer && m.alarms.length === 0) {
      problems.push(
        `Module "${m.name}" provides the authorizer, whose refusals are Lambda errors, so the platform does not ` +
          'alarm on its errors: declare a metric for its unexpected failures and an alarm on it.',
      );
    }
  }
  return { value: { metrics, alarms }, problems };
};
