import type { ModuleManifest } from '../../contracts/moduleManifest.ts';
import type { AlarmModel, MetricModel } from '../PlatformModel.ts';
import type { ModelSection } from './ModelSection.ts';

/**
 * Metrics and alarms: names unique per module, every alarm on a metric its module declares, and the
 * authorizer's module alarmed on something (the platform cannot alarm on the authorizer's Lambda errors,
 * which are its refusals).
 */
export const metricsSection = (
  manifests: readonly ModuleManifest[],
): ModelSection<{ readonly metrics: readonly MetricModel[]; readonly alarms: readonly AlarmModel[] }> => {
  const problems: string[] = [];
  const metrics: MetricModel[] = [];
  const alarms: AlarmModel[] = [];
  for (const m of manifests) {
    const declared = new Set<string>();
    for (const metric of m.metrics) {
      if (declared.has(metric.name)) {
        problems.push(`Module "${m.name}" declares metric "${metric.name}" twice: remove one.`);
        continue;
      }
      declared.add(metric.name);
      metrics.push({ module: m.name, name: metric.name, unit: metric.unit, description: metric.description });
    }
    const alarmNames = new Set<string>();
    for (const alarm of m.alarms) {
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
    if (m.authorizer && m.alarms.length === 0) {
      problems.push(
        `Module "${m.name}" provides the authorizer, whose refusals are Lambda errors, so the platform does not ` +
          'alarm on its errors: declare a metric for its unexpected failures and an alarm on it.',
      );
    }
  }
  return { value: { metrics, alarms }, problems };
};
