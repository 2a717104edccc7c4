import type { EventContract } from '../../contracts/defineEvent.ts';
import { eventSource, PLATFORM_EVENT_SOURCE_PREFIX } from '../../contracts/eventCatalog.ts';
import type { ModuleManifest } from '../../contracts/moduleManifest.ts';
import { functionIdOf } from '../collectFunctions.ts';
import type { RuleModel } from '../PlatformModel.ts';
import type { ModelSection } from './ModelSection.ts';

/**
 * Subscriptions become rules: one per subscription, to events someone publishes, with a valid pattern. An
 * event whose owning module is not part of the platform yet may be subscribed to: a module may be built
 * before the module whose events it reacts to, and its rule waits for that publisher (the event catalog lists
 * the event as not yet published). An owner that is there but does not publish the event is a mistake.
 *
 * @param publishers event name → publishing module (the events section's value)
 * @param validatePattern throws on an invalid EventBridge pattern (the embedded platform's matcher judges)
 */
export const rulesSection = (
  manifests: readonly ModuleManifest[],
  contracts: ReadonlyMap<string, EventContract>,
  publishers: ReadonlyMap<string, string>,
  validatePattern?: (pattern: Record<string, unknown>) => void,
): ModelSection<readonly RuleModel[]> => {
  const problems: string[] = [];
  const rules: RuleModel[] = [];
  const moduleNames = new Set(manifests.map((m) => m.name));
  for (const m of manifests) {
    const ids = new Set<string>();
    for (const sub of m.subscriptions) {
      if (ids.has(sub.id)) problems.push(`Module "${m.name}" has two subscriptions "${sub.id}": rename one.`);
      ids.add(sub.id);
      for (const event of sub.events) {
        if (!contracts.has(event)) {
          problems.push(
            `Module "${m.name}" subscription "${sub.id}" listens to "${event}", which has no contract: ` +
              'fix the event name (see shared/contracts/events).',
          );
        } else if (!publishers.has(event) && moduleNames.has(contracts.get(event)?.owner ?? '')) {
          problems.push(
            `Module "${m.name}" subscription "${sub.id}" listens to "${event}", which no module publishes: ` +
              `add it to the publishes of "${contracts.get(event)?.owner}", or drop the subscription.`,
          );
        }
      }
      const sources = [...new Set(sub.events.map((e) => eventSource(contracts.get(e)?.owner ?? '?')))].sort();
      const pattern: Record<string, unknown> = sub.observesAllEvents
        ? { source: [{ prefix: PLATFORM_EVENT_SOURCE_PREFIX }] }
        : { source: sources, 'detail-type': [...sub.events] };
      if (sub.detailPattern) pattern.detail = sub.detailPattern;
      if (validatePattern) {
        try {
          validatePattern(pattern);
        } catch (error) {
          problems.push(
            `Module "${m.name}" subscription "${sub.id}" has an invalid detailPattern: ` +
              `${(error as Error).message}. Fix the pattern.`,
          );
        }
      }
      rules.push({
        id: `${m.name}-${sub.id}`,
        module: m.name,
        subscriptionId: sub.id,
        events: [...sub.events],
        ...(sub.observesAllEvents ? { observesAllEvents: true } : {}),
        pattern,
        functionId: functionIdOf(m.name, sub.handler),
        maxRetries: sub.maxRetries,
        maxEventAgeSeconds: sub.maxEventAgeSeconds,
        ...(sub.batchingWindowSeconds ? { batchingWindowSeconds: sub.batchingWindowSeconds } : {}),
      });
    }
  }
  return { value: rules, problems };
};
