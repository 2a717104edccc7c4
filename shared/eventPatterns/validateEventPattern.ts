import { compileMatchList, isPlainObject, MATCH_EXPRESSION_NAMES } from './compileMatchList.ts';
import type {
  CompiledCondition,
  CompiledNode,
  EventPattern,
  EventPatternInput,
  ValidatedEventPattern,
} from './EventPattern.ts';
import { InvalidEventPatternError } from './InvalidEventPatternError.ts';

/** EventBridge's limit on the length of an event pattern's JSON text. */
export const MAX_EVENT_PATTERN_LENGTH = 2048;

const OR = '$or';

interface MutableCondition {
  path: string;
  segments: string[];
  lookups: (readonly [string, number])[][];
  test: CompiledCondition['test'];
  matchesAbsent: boolean;
  exactStrings: CompiledCondition['exactStrings'];
  trackDepth: number;
}

interface MutableNode {
  conditions: Map<string, MutableCondition>;
  anyOf: MutableNode[][];
}

function fail(reason: string): never {
  throw new InvalidEventPatternError(reason);
}

/** Jackson's location suffix, which AWS appends to errors about the document itself. */
function sourceLocation(text: string): string {
  const start = text.search(/\S/);
  const before = text.slice(0, Math.max(0, start));
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n') + 1;
  return `\n at [Source: (String)"${text}"; line: ${line}, column: ${column}]`;
}

function parseInput(input: EventPatternInput): { pattern: EventPattern; source: string } {
  if (typeof input === 'string') {
    if (input.length > MAX_EVENT_PATTERN_LENGTH) tooLong(input.length);
    let parsed: unknown;
    try {
      parsed = JSON.parse(input);
    } catch (error) {
      fail(error instanceof Error ? error.message : String(error));
    }
    if (!isPlainObject(parsed)) fail(`Filter is not an object${sourceLocation(input)}`);
    return { pattern: parsed, source: input };
  }
  if (!isPlainObject(input)) fail('Filter is not an object');
  let source: string | undefined;
  try {
    source = JSON.stringify(input);
  } catch (error) {
    fail(`Pattern is not serialisable as JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (source.length > MAX_EVENT_PATTERN_LENGTH) tooLong(source.length);
  return { pattern: input, source };
}

function tooLong(length: number): never {
  fail(`Event pattern is too long: ${length} characters, the maximum is ${MAX_EVENT_PATTERN_LENGTH}`);
}

function lookupsFor(segments: readonly string[]): (readonly [string, number])[][] {
  return segments.map((_, start) => {
    const runs: (readonly [string, number])[] = [];
    for (let end = start + 1; end <= segments.length; end++) {
      runs.push([segments.slice(start, end).join('.'), end]);
    }
    return runs;
  });
}

function buildNode(object: Record<string, unknown>, prefix: string, insideOr: boolean): MutableNode {
  const node: MutableNode = { conditions: new Map(), anyOf: [] };
  fillNode(node, object, prefix, insideOr);
  return node;
}

function fillNode(
  node: MutableNode,
  object: Record<string, unknown>,
  prefix: string,
  insideOr: boolean,
): void {
  const keys = Object.keys(object);
  if (keys.length === 0) fail('Empty objects are not allowed');
  for (const key of keys) {
    const value = object[key];
    if (key === OR) {
      node.anyOf.push(parseOr(value, prefix));
      continue;
    }
    if (insideOr && MATCH_EXPRESSION_NAMES.has(key)) {
      fail(`${key} is Ruler reserved fieldName which cannot be used inside ${OR}.`);
    }
    const path = prefix === '' ? key : `${prefix}.${key}`;
    if (isPlainObject(value)) {
      fillNode(node, value, path, insideOr);
    } else if (Array.isArray(value)) {
      const { test, matchesAbsent, exactStrings } = compileMatchList(value);
      const segments = path.split('.');
      // A later occurrence of the same path replaces the earlier one, as in AWS.
      node.conditions.delete(path);
      node.conditions.set(path, {
        path,
        segments,
        lookups: lookupsFor(segments),
        test,
        matchesAbsent,
        exactStrings,
        trackDepth: 0,
      });
    } else {
      fail(`"${key}" must be an object or an array`);
    }
  }
}

function parseOr(value: unknown, prefix: string): MutableNode[] {
  if (!Array.isArray(value)) fail(`It must be an Array followed with ${OR}.`);
  const alternatives: MutableNode[] = [];
  for (const item of value) {
    if (!isPlainObject(item)) fail(`Only JSON object is allowed in array of ${OR} relationship.`);
    alternatives.push(buildNode(item, prefix, true));
  }
  if (alternatives.length < 2) fail(`There must have at least 2 Objects in ${OR} relationship.`);
  return alternatives;
}

function allConditions(node: MutableNode, out: MutableCondition[] = []): MutableCondition[] {
  out.push(...node.conditions.values());
  for (const group of node.anyOf) for (const alt of group) allConditions(alt, out);
  return out;
}

function sharedPrefix(a: readonly string[], b: readonly string[]): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

/**
 * Only arrays that another condition can also reach need their element index remembered; knowing
 * which ones at compile time keeps the common pattern (no shared arrays) on the fast path.
 */
function assignTrackDepths(conditions: MutableCondition[]): void {
  for (const condition of conditions) {
    let shared = 0;
    for (const other of conditions) {
      if (other !== condition) shared = Math.max(shared, sharedPrefix(condition.segments, other.segments));
    }
    condition.trackDepth = Math.min(shared, condition.segments.length - 1);
  }
}

function freeze(node: MutableNode): CompiledNode {
  return {
    conditions: [...node.conditions.values()],
    anyOf: node.anyOf.map((group) => group.map(freeze)),
  };
}

/**
 * Parses and validates an event pattern (object or JSON text) the way EventBridge does, and compiles it.
 * Throws {@link InvalidEventPatternError} with AWS's message for anything AWS would refuse, including
 * patterns longer than 2,048 characters of JSON.
 */
export function validateEventPattern(input: EventPatternInput): ValidatedEventPattern {
  const { pattern, source } = parseInput(input);
  const root = buildNode(pattern, '', false);
  const conditions = allConditions(root);
  assignTrackDepths(conditions);
  return {
    pattern,
    source,
    root: freeze(root),
    simple: conditions.every((c) => c.trackDepth === 0),
  };
}
