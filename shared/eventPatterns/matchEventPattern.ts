import type {
  CompiledCondition,
  CompiledNode,
  EventPatternMatcher,
  ValidatedEventPattern,
} from './EventPattern.ts';

/**
 * Which element of which event array a matched value came from. AWS does not let one rule match
 * fields taken from different elements of the same array, so candidates carry this chain.
 */
interface Membership {
  readonly array: readonly unknown[];
  readonly index: number;
  readonly next: Membership | null;
}

/** Per-condition search state; reused across conditions of one match call. */
interface Probe {
  present: boolean;
  candidates: Membership[] | null;
}

type ConditionResult = boolean | Membership[];

function visitLeaf(
  probe: Probe,
  test: CompiledCondition['test'],
  value: unknown,
  mem: Membership | null,
): boolean {
  if (Array.isArray(value)) {
    for (const element of value) if (visitLeaf(probe, test, element, mem)) return true;
    return false;
  }
  if (typeof value === 'object' && value !== null) return false;
  probe.present = true;
  if (test === null) return true; // only `exists: false`: presence already decides
  if (!test(value)) return false;
  if (mem === null) return true;
  if (probe.candidates === null) probe.candidates = [mem];
  else probe.candidates.push(mem);
  return false;
}

function visit(
  probe: Probe,
  condition: CompiledCondition,
  value: unknown,
  depth: number,
  mem: Membership | null,
): boolean {
  if (depth === condition.segments.length) return visitLeaf(probe, condition.test, value, mem);
  if (typeof value !== 'object' || value === null) return false;
  if (Array.isArray(value)) {
    const track = depth > 0 && depth <= condition.trackDepth;
    for (let i = 0; i < value.length; i++) {
      const next = track ? { array: value, index: i, next: mem } : mem;
      if (visit(probe, condition, value[i], depth, next)) return true;
    }
    return false;
  }
  const record = value as Record<string, unknown>;
  const runs = condition.lookups[depth];
  if (runs === undefined) return false;
  for (const [key, nextDepth] of runs) {
    const child = record[key];
    if (child !== undefined && Object.hasOwn(record, key) && visit(probe, condition, child, nextDepth, mem)) {
      return true;
    }
  }
  return false;
}

/**
 * `true`: satisfied whatever the array bookkeeping; `false`: not satisfied; a list: satisfied only
 * by one of these array-element choices.
 */
function evaluateCondition(condition: CompiledCondition, event: unknown): ConditionResult {
  const probe: Probe = { present: false, candidates: null };
  const stopped = visit(probe, condition, event, 0, null);
  if (condition.test === null) return !probe.present;
  if (stopped) return true;
  if (!probe.present && condition.matchesAbsent) return true;
  return probe.candidates ?? false;
}

function matchSimple(node: CompiledNode, event: unknown): boolean {
  for (const condition of node.conditions) if (evaluateCondition(condition, event) !== true) return false;
  for (const group of node.anyOf) {
    let any = false;
    for (const alternative of group) {
      if (matchSimple(alternative, event)) {
        any = true;
        break;
      }
    }
    if (!any) return false;
  }
  return true;
}

type Choices = Map<readonly unknown[], number>;

/** Records a membership chain if it agrees with earlier choices; returns what to undo, or null. */
function choose(choices: Choices, mem: Membership): (readonly unknown[])[] | null {
  const added: (readonly unknown[])[] = [];
  for (let m: Membership | null = mem; m !== null; m = m.next) {
    const current = choices.get(m.array);
    if (current === undefined) {
      choices.set(m.array, m.index);
      added.push(m.array);
    } else if (current !== m.index) {
      for (const a of added) choices.delete(a);
      return null;
    }
  }
  return added;
}

function solveNode(node: CompiledNode, event: unknown, choices: Choices, then: () => boolean): boolean {
  const pending: Membership[][] = [];
  for (const condition of node.conditions) {
    const result = evaluateCondition(condition, event);
    if (result === false) return false;
    if (result !== true) pending.push(result);
  }
  return assign(pending, 0, node, event, choices, then);
}

function assign(
  pending: readonly Membership[][],
  i: number,
  node: CompiledNode,
  event: unknown,
  choices: Choices,
  then: () => boolean,
): boolean {
  const candidates = pending[i];
  if (candidates === undefined) return solveGroups(node.anyOf, 0, event, choices, then);
  for (const mem of candidates) {
    const added = choose(choices, mem);
    if (added === null) continue;
    if (assign(pending, i + 1, node, event, choices, then)) return true;
    for (const a of added) choices.delete(a);
  }
  return false;
}

function solveGroups(
  groups: CompiledNode['anyOf'],
  g: number,
  event: unknown,
  choices: Choices,
  then: () => boolean,
): boolean {
  const group = groups[g];
  if (group === undefined) return then();
  for (const alternative of group) {
    if (solveNode(alternative, event, choices, () => solveGroups(groups, g + 1, event, choices, then)))
      return true;
  }
  return false;
}

const done = (): boolean => true;

/**
 * Turns a validated pattern into a matcher, picking the bookkeeping-free path when the pattern allows it.
 */
export function createMatcher(validated: ValidatedEventPattern): EventPatternMatcher {
  const { root } = validated;
  if (validated.simple) return (event) => matchSimple(root, event);
  return (event) => solveNode(root, event, new Map(), done);
}
