import type { PlatformModel } from '../platformModel/PlatformModel.ts';
import type { FlowDiagram, FlowStep } from './FlowStep.ts';
import type { FlowStart } from './platformFlows.ts';

/** Deeper than the publisher's hop limit cannot happen; a cycle of reactions stops here in the docs too. */
const MAX_DEPTH = 16;

/**
 * A flow as the model says it goes: each event to every module subscribed to it (observers aside), what that
 * reaction calls, then what it publishes — recursively; a reaction with a condition in an `opt` block.
 *
 * `holding` names the conditions that hold in one run (the branch a test takes): their steps are drawn
 * unconditionally, so a run that skips them is missing required steps, not optional ones. A condition that
 * the flow does not have is refused, so a renamed condition cannot silently make a drift test lenient.
 */
export const documentedFlow = (
  model: PlatformModel,
  start: FlowStart,
  holding: readonly string[] = [],
): FlowDiagram => {
  const reactions = model.reactions ?? [];
  const met = new Set<string>();
  const guarded = (condition: string | null | undefined, steps: FlowStep[]): FlowStep[] => {
    if (condition === null || condition === undefined) return steps;
    if (!holding.includes(condition)) return [{ kind: 'optional', condition, steps }];
    met.add(condition);
    return steps;
  };
  const expand = (event: string, producer: string, path: readonly string[]): FlowStep[] => {
    const rules = model.rules
      .filter((r) => !r.observesAllEvents && r.events.includes(event))
      .sort((a, b) => a.module.localeCompare(b.module) || a.subscriptionId.localeCompare(b.subscriptionId));
    if (rules.length === 0) return [{ kind: 'event', from: producer, to: null, event }];
    return rules.flatMap((rule): FlowStep[] => {
      const arrow: FlowStep = { kind: 'event', from: producer, to: rule.module, event };
      const key = `${event}>${rule.id}`;
      if (path.includes(key) || path.length >= MAX_DEPTH) return [arrow];
      const inner = reactions
        .filter(
          (x) => x.module === rule.module && x.subscriptionId === rule.subscriptionId && x.on.includes(event),
        )
        .flatMap((reaction): FlowStep[] => {
          const steps: FlowStep[] = [
            ...reaction.calls.map(
              (c): FlowStep => ({
                kind: 'call',
                from: rule.module,
                to: c.module,
                operation: `${c.service}.${c.operation}`,
              }),
            ),
            ...reaction.publishes.flatMap((e) => expand(e, rule.module, [...path, key])),
          ];
          return guarded(reaction.when, steps);
        });
      return [arrow, ...inner];
    });
  };
  const steps = start.publishes.flatMap(({ event, when }): FlowStep[] =>
    guarded(when, expand(event, start.starter.participant, [])),
  );
  const unknown = holding.filter((condition) => !met.has(condition));
  if (unknown.length > 0) {
    throw new Error(
      `Flow "${start.id}" has no step under ${unknown.map((c) => `"${c}"`).join(', ')}: name a condition its diagram shows in an opt block`,
    );
  }
  return { title: start.title, starter: start.starter, steps };
};
