import type { FlowDiagram, FlowStep } from './FlowStep.ts';

/** Mermaid takes `;`, `#` and line breaks as syntax in a message; nothing a name or detail needs. */
const text = (value: string): string => value.replace(/[;#\r\n]+/g, ' ').trim();

const participantsOf = (diagram: FlowDiagram): string[] => {
  const seen: string[] = [diagram.starter.participant];
  const add = (name: string | null): void => {
    if (name !== null && !seen.includes(name)) seen.push(name);
  };
  const walk = (steps: readonly FlowStep[]): void => {
    for (const step of steps) {
      if (step.kind === 'optional') walk(step.steps);
      else {
        add(step.from);
        add(step.to);
      }
    }
  };
  walk(diagram.steps);
  return seen;
};

const lines = (steps: readonly FlowStep[], indent: string): string[] =>
  steps.flatMap((step): string[] => {
    if (step.kind === 'optional') {
      return [`${indent}opt ${text(step.condition)}`, ...lines(step.steps, `${indent}  `), `${indent}end`];
    }
    const detail = step.detail ? ` (${text(step.detail)})` : '';
    if (step.kind === 'call') {
      return [`${indent}${step.from}->>${step.to}: ${text(step.operation)}${detail}`];
    }
    if (step.to === null) return [`${indent}Note over ${step.from}: publishes ${text(step.event)}${detail}`];
    return [`${indent}${step.from}-)${step.to}: ${text(step.event)}${detail}`];
  });

/**
 * A Mermaid sequence diagram of a flow: participants in the order they first appear, events as asynchronous
 * arrows (`-)`), service calls as synchronous ones (`->>`), conditional steps in `opt` blocks.
 */
export const renderSequenceDiagram = (diagram: FlowDiagram): string =>
  [
    'sequenceDiagram',
    `  title ${text(diagram.title)}`,
    ...participantsOf(diagram).map((p) => `  participant ${p}`),
    `  Note over ${diagram.starter.participant}: ${text(diagram.starter.action)}`,
    ...lines(diagram.steps, '  '),
  ].join('\n');
