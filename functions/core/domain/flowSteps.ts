import type { FlowDiagram, FlowStep } from '../../../shared/flows/FlowStep.ts';
import type { FlowNode, FlowTree } from './flowTree.ts';

const reactionDetail = (r: FlowNode['reactions'][number]): string =>
  `${r.outcome}${r.error ? ` ${r.error}` : ''}, after ${r.latencyMs} ms, ${r.durationMs} ms`;

/**
 * What happened, as sequence-diagram steps: each event to each subscriber that handled it (outcome, delay
 * and duration), the calls that reaction made, then the events it caused; an event nobody handled is shown
 * as published. Retries appear as repeated arrows with their outcomes.
 */
export const flowTreeSteps = (tree: FlowTree): FlowStep[] => {
  const stepsOf = (node: FlowNode): FlowStep[] => {
    if (node.reactions.length === 0) {
      return [
        { kind: 'event', from: node.producer, to: null, event: node.name, detail: `at ${node.atMs} ms` },
        ...node.caused.flatMap(stepsOf),
      ];
    }
    const steps: FlowStep[] = [];
    const shown = new Set<string>();
    node.reactions.forEach((reaction, index) => {
      steps.push({
        kind: 'event',
        from: node.producer,
        to: reaction.module,
        event: node.name,
        detail: reactionDetail(reaction),
      });
      for (const call of reaction.calls) {
        steps.push({
          kind: 'call',
          from: reaction.module,
          to: call.module,
          operation: `${call.service}.${call.operation}`,
          detail: `${call.outcome}, ${call.durationMs} ms`,
        });
      }
      // What a module caused follows its last attempt: a retried reaction publishes the same events once.
      const later = node.reactions.slice(index + 1).some((r) => r.module === reaction.module);
      if (later) return;
      for (const child of node.caused.filter(
        (c) => c.producer === reaction.module && !shown.has(c.eventId),
      )) {
        shown.add(child.eventId);
        steps.push(...stepsOf(child));
      }
    });
    // Events whose producer reported no reaction (its report was lost): still part of what happened.
    for (const child of node.caused.filter((c) => !shown.has(c.eventId))) steps.push(...stepsOf(child));
    return steps;
  };
  return tree.roots.flatMap(stepsOf);
};

/** The flow as a diagram: started by the producer of its first event. */
export const flowTreeDiagram = (tree: FlowTree): FlowDiagram => ({
  title: `Flow ${tree.correlationId}: ${tree.eventCount} events, ${tree.reactionCount} reactions, ${tree.durationMs} ms`,
  starter: {
    participant: tree.roots[0]?.producer ?? 'platform',
    action: `correlation id ${tree.correlationId}${tree.truncated ? ' (partial: too many items)' : ''}`,
  },
  steps: flowTreeSteps(tree),
});
