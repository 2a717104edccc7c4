import type { LeafValueTest } from './EventPattern.ts';
import { InvalidEventPatternError } from './InvalidEventPatternError.ts';
import { compileCidr, ipAddressKey } from './ipAddress.ts';
import { comparableNumber, comparablePatternNumber, isComparable } from './numbers.ts';
import { assertWildcardComplexity, compileWildcard, parseWildcard } from './wildcard.ts';

/** The value matchers of one field's match list; `exists: false` is kept apart (it is about absence). */
export interface CompiledMatchList {
  readonly test: LeafValueTest | null;
  readonly matchesAbsent: boolean;
  /** Set when the list holds only plain strings (no IP literal): `test` is then membership in it. */
  readonly exactStrings: ReadonlySet<string> | null;
}

type MatchFactory = (value: unknown, expression: Record<string, unknown>) => LeafValueTest;

const ONLY_ONE_KEY = 'Only one key allowed in match expression';
const TOO_MANY_NUMERIC = 'Too many elements in numeric expression';

function fail(reason: string): never {
  throw new InvalidEventPatternError(reason);
}

/** A JSON object (not an array, not null). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Jackson's `getText()` for the token AWS complains about. */
function tokenText(value: unknown): string {
  if (value === undefined) return ']';
  if (Array.isArray(value)) return '[';
  if (isPlainObject(value)) return '{';
  return String(value);
}

const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

function requireSingleKey(expression: Record<string, unknown>, reason = ONLY_ONE_KEY): void {
  if (Object.keys(expression).length > 1) fail(reason);
}

function exactString(expected: string): LeafValueTest {
  const ipKey = ipAddressKey(expected);
  if (ipKey === null) return (value) => value === expected;
  // AWS compares IP literals as addresses, so `2001:db8::1` equals `2001:0db8:0:0:0:0:0:1`.
  return (value) => value === expected || (typeof value === 'string' && ipAddressKey(value) === ipKey);
}

function exactNumber(expected: number): LeafValueTest {
  if (!isComparable(expected)) return (value) => value === expected;
  const key = comparableNumber(expected);
  return (value) =>
    typeof value === 'number' &&
    (value === expected || (isComparable(value) && comparableNumber(value) === key));
}

function affixIgnoreCase(kind: 'prefix' | 'suffix', inner: Record<string, unknown>): LeafValueTest {
  const label = kind === 'prefix' ? 'Prefix' : 'Suffix';
  const keys = Object.keys(inner);
  const op = keys[0];
  if (op === undefined) fail(`${label} expression name not found`);
  if (op !== 'equals-ignore-case') fail(`Unsupported ${kind} pattern: ${op}`);
  const text = inner[op];
  if (typeof text !== 'string') fail('equals-ignore-case match pattern must be a string');
  requireSingleKey(inner);
  const lower = text.toLowerCase();
  const n = text.length;
  return kind === 'prefix'
    ? (value) => typeof value === 'string' && value.length >= n && value.slice(0, n).toLowerCase() === lower
    : (value) =>
        typeof value === 'string' &&
        value.length >= n &&
        value.slice(value.length - n).toLowerCase() === lower;
}

const prefix: MatchFactory = (value, expression) => {
  if (isPlainObject(value)) return affixIgnoreCase('prefix', value);
  if (typeof value !== 'string') fail('prefix match pattern must be a string');
  requireSingleKey(expression);
  return (v) => typeof v === 'string' && v.startsWith(value);
};

const suffix: MatchFactory = (value, expression) => {
  if (isPlainObject(value)) return affixIgnoreCase('suffix', value);
  if (typeof value !== 'string') fail('suffix match pattern must be a string');
  requireSingleKey(expression);
  return (v) => typeof v === 'string' && v.endsWith(value);
};

const equalsIgnoreCase: MatchFactory = (value, expression) => {
  if (typeof value !== 'string') fail('equals-ignore-case match pattern must be a string');
  requireSingleKey(expression);
  const lower = value.toLowerCase();
  return (v) => typeof v === 'string' && v.length === value.length && v.toLowerCase() === lower;
};

const wildcard: MatchFactory = (value, expression) => {
  if (typeof value !== 'string') fail('wildcard match pattern must be a string');
  const segments = parseWildcard(value);
  requireSingleKey(expression);
  assertWildcardComplexity(segments);
  const matches = compileWildcard(segments);
  return (v) => typeof v === 'string' && matches(v);
};

const cidr: MatchFactory = (value, expression) => {
  // AWS really does say "prefix" here.
  if (typeof value !== 'string') fail('prefix match pattern must be a string');
  const test = compileCidr(value);
  requireSingleKey(expression);
  return test;
};

const exists: MatchFactory = (value, expression) => {
  if (typeof value !== 'boolean') fail('exists match pattern must be either true or false.');
  requireSingleKey(expression);
  // exists:false is handled by the caller; this matcher only answers for present values.
  return value ? () => true : () => false;
};

function numericBound(value: unknown, operator: string): number {
  if (!isNumber(value)) fail(`Value of ${operator === '=' ? 'equals' : operator} must be numeric`);
  return value;
}

const numeric: MatchFactory = (value, expression) => {
  if (!Array.isArray(value)) fail('Value of numeric must be an array.');
  const items: unknown[] = value;
  const op = items[0];
  if (typeof op !== 'string') fail(`Invalid member in numeric match: ${tokenText(op)}`);
  let low = Number.NEGATIVE_INFINITY;
  let lowOpen = false;
  let high = Number.POSITIVE_INFINITY;
  let highOpen = false;
  let bounded = false;
  if (op === '=') {
    const v = numericBound(items[1], op);
    if (items.length > 2) fail(TOO_MANY_NUMERIC);
    const key = comparablePatternNumber(v);
    requireSingleKey(expression, TOO_MANY_NUMERIC);
    return (x) => typeof x === 'number' && isComparable(x) && comparableNumber(x) === key;
  }
  if (op === '>' || op === '>=') {
    const bottom = numericBound(items[1], op);
    lowOpen = op === '>';
    if (items.length > 2) {
      const op2 = items[2];
      if (typeof op2 !== 'string') fail(`Bad value in numeric range: ${tokenText(op2)}`);
      if (op2 !== '<' && op2 !== '<=') fail(`Bad numeric range operator: ${op2}`);
      const top = numericBound(items[3], op2);
      if (items.length > 4) fail('Too many terms in numeric range expression');
      highOpen = op2 === '<';
      high = comparablePatternNumber(top);
      bounded = true;
    }
    low = comparablePatternNumber(bottom);
    if (bounded && low >= high) fail('Bottom must be less than top');
  } else if (op === '<' || op === '<=') {
    const top = numericBound(items[1], op);
    if (items.length > 2) fail(TOO_MANY_NUMERIC);
    highOpen = op === '<';
    high = comparablePatternNumber(top);
  } else {
    fail(`Unrecognized numeric range operator: ${op}`);
  }
  requireSingleKey(expression, TOO_MANY_NUMERIC);
  return (x) => {
    if (typeof x !== 'number' || !isComparable(x)) return false;
    const k = comparableNumber(x);
    return (lowOpen ? k > low : k >= low) && (highOpen ? k < high : k <= high);
  };
};

type AnythingButKind = 'plain' | 'equals-ignore-case' | 'prefix' | 'suffix' | 'wildcard';

function anythingButValueError(kind: AnythingButKind): string {
  if (kind === 'equals-ignore-case') {
    return 'Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported.';
  }
  if (kind === 'wildcard') return 'wildcard match pattern must be a string';
  return 'prefix/suffix match pattern must be a string';
}

function anythingButStrings(kind: AnythingButKind, values: readonly unknown[]): string[] {
  const texts: string[] = [];
  for (const v of values) {
    if (typeof v !== 'string') fail(anythingButValueError(kind));
    if ((kind === 'prefix' || kind === 'suffix') && v === '') fail('Null prefix/suffix not allowed');
    texts.push(v);
  }
  return texts;
}

function anythingButPlain(operand: unknown): LeafValueTest {
  const list = Array.isArray(operand) ? (operand as unknown[]) : [operand];
  let hasString = false;
  let hasNumber = false;
  for (const v of list) {
    if (typeof v === 'string') hasString = true;
    else if (isNumber(v)) hasNumber = true;
    else fail('Inside anything but list, start|null|boolean is not supported.');
  }
  if (hasString === hasNumber) {
    fail('Inside anything but list, either all values are number or string, mixed type is not supported');
  }
  if (hasString) {
    const excluded = new Set(list as string[]);
    return (v) => typeof v !== 'string' || !excluded.has(v);
  }
  const excluded = new Set((list as number[]).map(comparablePatternNumber));
  return (v) => typeof v !== 'number' || !isComparable(v) || !excluded.has(comparableNumber(v));
}

const anythingBut: MatchFactory = (value, expression) => {
  let kind: AnythingButKind = 'plain';
  let operand = value;
  let inner: Record<string, unknown> | null = null;
  if (isPlainObject(value)) {
    const op = Object.keys(value)[0];
    if (op === undefined) fail('Anything-But expression name not found');
    if (op !== 'equals-ignore-case' && op !== 'prefix' && op !== 'suffix' && op !== 'wildcard') {
      fail(`Unsupported anything-but pattern: ${op}`);
    }
    kind = op;
    inner = value;
    operand = value[op];
  }
  if (!Array.isArray(operand) && typeof operand !== 'string' && !isNumber(operand)) {
    fail('Value of anything-but must be an array or single string/number value.');
  }
  let test: LeafValueTest;
  if (kind === 'plain') {
    test = anythingButPlain(operand);
  } else {
    const texts = anythingButStrings(kind, Array.isArray(operand) ? operand : [operand]);
    test = anythingButOf(kind, texts);
  }
  if (inner !== null) requireSingleKey(inner, TOO_MANY_NUMERIC);
  requireSingleKey(expression, TOO_MANY_NUMERIC);
  return test;
};

function anythingButOf(kind: Exclude<AnythingButKind, 'plain'>, texts: readonly string[]): LeafValueTest {
  switch (kind) {
    case 'equals-ignore-case': {
      const excluded = new Set(texts.map((t) => t.toLowerCase()));
      return (v) => typeof v !== 'string' || !excluded.has(v.toLowerCase());
    }
    case 'prefix':
      return (v) => typeof v !== 'string' || !texts.some((t) => v.startsWith(t));
    case 'suffix':
      return (v) => typeof v !== 'string' || !texts.some((t) => v.endsWith(t));
    case 'wildcard': {
      const matchers = texts.map((t) => compileWildcard(parseWildcard(t)));
      return (v) => typeof v !== 'string' || !matchers.some((m) => m(v));
    }
  }
}

const FACTORIES: Readonly<Record<string, MatchFactory>> = {
  prefix,
  suffix,
  'equals-ignore-case': equalsIgnoreCase,
  wildcard,
  cidr,
  exists,
  numeric,
  'anything-but': anythingBut,
};

/** Match-expression names AWS reserves; they cannot be field names inside `$or`. */
export const MATCH_EXPRESSION_NAMES: ReadonlySet<string> = new Set(Object.keys(FACTORIES));

function compileExpression(expression: Record<string, unknown>): LeafValueTest {
  const name = Object.keys(expression)[0];
  if (name === undefined) fail('Match expression name not found');
  const factory = Object.hasOwn(FACTORIES, name) ? FACTORIES[name] : undefined;
  if (factory === undefined) fail(`Unrecognized match type ${name}`);
  return factory(expression[name], expression);
}

function anyOf(tests: readonly LeafValueTest[]): LeafValueTest | null {
  if (tests.length === 0) return null;
  if (tests.length === 1) return tests[0] ?? null;
  if (tests.length === 2) {
    const [a, b] = tests as [LeafValueTest, LeafValueTest];
    return (v) => a(v) || b(v);
  }
  return (v) => {
    for (const t of tests) if (t(v)) return true;
    return false;
  };
}

/**
 * Validates one field's match list (`["a", {"prefix": "b"}, ...]`) and compiles it to a leaf test.
 * The items are alternatives. Messages are AWS's, in the order AWS reports them.
 */
export function compileMatchList(list: readonly unknown[]): CompiledMatchList {
  if (list.length === 0) fail('Empty arrays are not allowed');
  const tests: LeafValueTest[] = [];
  const strings = new Set<string>();
  let matchesAbsent = false;
  let matchesAnyPresent = false;
  let onlyPlainStrings = true;
  for (const item of list) {
    if (typeof item !== 'string' || ipAddressKey(item) !== null) onlyPlainStrings = false;
    if (isPlainObject(item)) {
      if (Object.keys(item)[0] === 'exists' && item.exists === false) {
        compileExpression(item);
        matchesAbsent = true;
      } else {
        const test = compileExpression(item);
        if (Object.keys(item)[0] === 'exists') matchesAnyPresent = true;
        tests.push(test);
      }
    } else if (typeof item === 'string') {
      if (ipAddressKey(item) === null) strings.add(item);
      else tests.push(exactString(item));
    } else if (isNumber(item)) {
      tests.push(exactNumber(item));
    } else if (item === null || typeof item === 'boolean') {
      tests.push((v) => v === item);
    } else {
      fail('Match value must be String, number, true, false, or null');
    }
  }
  if (matchesAnyPresent) return { test: () => true, matchesAbsent, exactStrings: null };
  // Plain strings are the common case (source, detail-type): one lookup instead of a chain.
  if (strings.size === 1) {
    const [only] = strings;
    tests.unshift((v) => v === only);
  } else if (strings.size > 1) {
    tests.unshift((v) => typeof v === 'string' && strings.has(v));
  }
  return { test: anyOf(tests), matchesAbsent, exactStrings: onlyPlainStrings ? strings : null };
}
