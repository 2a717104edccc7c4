import * as z from 'zod';
import type { EventContract } from '../../contracts/defineEvent.ts';
import { eventSource } from '../../contracts/eventCatalog.ts';
import type { ModuleManifest } from '../../contracts/moduleManifest.ts';
import type { EventModel, RuleModel } from '../PlatformModel.ts';
import type { ModelSection } from './ModelSection.ts';

/** Each published event has a contract and belongs to its publisher. Value: event name → publishing module. */
export const eventsSection = (
  manifests: readonly ModuleManifest[],
  contracts: ReadonlyMap<string, EventContract>,
): ModelSection<ReadonlyMap<string, string>> => {
  const problems: string[] = [];
  const publishers = new Map<string, string>();
  for (const m of manifests) {
    for (const event of m.publishes) {
      const contract = contracts.get(event);
      if (!contract) {
        problems.push(
          `Module "${m.name}" publishes "${event}", which has no contract: add it to shared/contracts/events.`,
        );
      } else if (contract.owner !== m.name) {
        problems.push(
          `Module "${m.name}" publishes "${event}", which is owned by "${contract.owner}": remove it from ` +
            `${m.name}'s publishes, or have "${contract.owner}" publish it.`,
        );
      } else {
        publishers.set(event, m.name);
      }
    }
  }
  return { value: publishers, problems };
};

/** Every contract as an event of the model, with who publishes it and which rules listen to it. */
export const eventModels = (
  contracts: readonly EventContract[],
  publishers: ReadonlyMap<string, string>,
  rules: readonly RuleModel[],
): EventModel[] =>
  contracts.map((c) => ({
    name: c.name,
    owner: c.owner,
    source: eventSource(c.owner),
    version: c.version,
    description: c.description,
    bandScoped: c.bandScoped,
    published: publishers.has(c.name),
    subscribers: rules
      .filter((r) => r.events.includes(c.name))
      .map((r) => ({ module: r.module, subscriptionId: r.subscriptionId })),
    dataSchema: z.toJSONSchema(c.data, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>,
  }));
