import type { FlowStep } from './FlowStep.ts';

/** What a flow did between participants, as comparable strings: who published, who reacted, who called. */
export interface FlowEdges {
  /** Edges every run of the flow has. */
  readonly required: ReadonlySet<string>;
  /** Edges a run may have (conditional steps). */
  readonly optional: ReadonlySet<string>;
}

const edgesOf = (step: Exclude<FlowStep, { kind: 'optional' }>): string[] =>
  step.kind === 'call'
    ? [`${step.from} calls ${step.to} ${step.operation}`]
    : [
        `${step.from} publishes ${step.event}`,
        ...(step.to === null ? [] : [`${step.event} from ${step.from} reaches ${step.to}`]),
      ];

/** The edges of a flow's steps; an edge under a condition is optional unless a required step has it too. */
export const flowEdges = (steps: readonly FlowStep[]): FlowEdges => {
  const required = new Set<string>();
  const optional = new Set<string>();
  const walk = (list: readonly FlowStep[], conditional: boolean): void => {
    for (const step of list) {
      if (step.kind === 'optional') walk(step.steps, true);
      else for (const edge of edgesOf(step)) (conditional ? optional : required).add(edge);
    }
  };
  walk(steps, false);
  for (const edge of required) optional.delete(edge);
  return { required, optional };
};

/** How a run differs from its documented flow: required edges it lacks, edges the documentation lacks. */
export const flowDrift = (
  documented: FlowEdges,
  actual: ReadonlySet<string>,
): { readonly missing: string[]; readonly extra: string[] } => ({
  missing: [...documented.required].filter((e) => !actual.has(e)).sort(),
  extra: [...actual].filter((e) => !documented.required.has(e) && !documented.optional.has(e)).sort(),
});
