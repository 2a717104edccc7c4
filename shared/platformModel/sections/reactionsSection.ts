import type { ModuleManifest } from '../../contracts/moduleManifest.ts';
import { findServiceContract } from '../../contracts/serviceCatalog.ts';
import { functionIdOf } from '../collectFunctions.ts';
import type { ReactionModel } from '../PlatformModel.ts';
import type { ModelSection } from './ModelSection.ts';

const parseCall = (call: string): { module: string; service: string; operation: string } => {
  const [target = '', operation = ''] = call.split('.');
  const [module = '', service = ''] = target.split('/');
  return { module, service, operation };
};

/**
 * Reactions: what a subscription says it publishes and calls — the documented flows are derived from it, so
 * it must be something the module may do: events it publishes, operations of services it uses, in reaction
 * to events it subscribes to.
 */
export const reactionsSection = (
  manifests: readonly ModuleManifest[],
): ModelSection<readonly ReactionModel[]> => {
  const problems: string[] = [];
  const reactions: ReactionModel[] = [];
  for (const m of manifests) {
    const uses = new Set(m.uses.map((u) => `${u.module}/${u.service}`));
    for (const sub of m.subscriptions) {
      const where = `Module "${m.name}" subscription "${sub.id}"`;
      for (const reaction of sub.reactions ?? []) {
        const on = reaction.on ?? sub.events;
        for (const event of on.filter((e) => !sub.events.includes(e))) {
          problems.push(
            `${where} declares a reaction on "${event}", which it does not subscribe to: fix "on".`,
          );
        }
        for (const event of reaction.publishes.filter((e) => !m.publishes.includes(e))) {
          problems.push(
            `${where} declares a reaction publishing "${event}", which "${m.name}" does not publish: ` +
              'add it to publishes, or fix the reaction.',
          );
        }
        const calls = reaction.calls.map(parseCall);
        for (const call of calls) {
          const key = `${call.module}/${call.service}`;
          if (!uses.has(key)) {
            problems.push(`${where} declares a call to "${key}", which "${m.name}" does not list in uses.`);
          } else if (!findServiceContract(call.module, call.service)?.operations[call.operation]) {
            problems.push(
              `${where} declares a call to "${key}.${call.operation}", an operation its contract lacks.`,
            );
          }
        }
        reactions.push({
          module: m.name,
          subscriptionId: sub.id,
          functionId: functionIdOf(m.name, sub.handler),
          on: [...on],
          publishes: [...reaction.publishes],
          calls,
          when: reaction.when ?? null,
        });
      }
    }
  }
  return { value: reactions, problems };
};
