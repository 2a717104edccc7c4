import type { CompiledNode, EventPatternInput, EventPatternMatcher } from './EventPattern.ts';
import { createMatcher } from './matchEventPattern.ts';
import { validateEventPattern } from './validateEventPattern.ts';

/** One pattern to index and what to answer when it matches (a rule, its id...). */
export interface IndexedPattern<T> {
  readonly pattern: EventPatternInput;
  readonly value: T;
}

interface Entry<T> {
  /** Position among the indexed patterns: matches are answered in this order. */
  readonly ordinal: number;
  readonly matches: EventPatternMatcher;
  readonly value: T;
}

/** Entries of one `source` key, split by their `detail-type` key; `any` holds those naming no exact one. */
interface TypeLevel<T> {
  readonly byType: Map<string, Entry<T>[]>;
  readonly any: Entry<T>[];
}

/** Distinct (source, detail-type) pairs whose candidate lists are kept; past it the memo starts over. */
const MAX_MEMOISED_PAIRS = 4_096;
const NO_CANDIDATES: readonly never[] = [];

/**
 * The exact strings a pattern's top-level condition on `field` accepts, or null when it accepts anything
 * else too (no condition, an expression, `exists: false`...) — then the pattern cannot be keyed on it.
 */
const exactKeys = (root: CompiledNode, field: string): ReadonlySet<string> | null =>
  root.conditions.find((c) => c.path === field)?.exactStrings ?? null;

/**
 * The string leaves an event has at a top-level field, found as the matcher finds them (an own property;
 * arrays, also an event that is itself an array, are looked through); objects and other types are no key.
 */
const collectLeafStrings = (value: unknown, out: Set<string>): void => {
  if (typeof value === 'string') out.add(value);
  else if (Array.isArray(value)) for (const element of value) collectLeafStrings(element, out);
};

const collectFieldStrings = (event: unknown, field: string, out: Set<string>): void => {
  if (typeof event !== 'object' || event === null) return;
  if (Array.isArray(event)) {
    for (const element of event) collectFieldStrings(element, field, out);
    return;
  }
  const record = event as Record<string, unknown>;
  if (Object.hasOwn(record, field)) collectLeafStrings(record[field], out);
};

/** The field's only value when the event is an object holding one string there (the common case). */
const singleString = (event: unknown, field: string): string | undefined => {
  if (typeof event !== 'object' || event === null || Array.isArray(event)) return undefined;
  const record = event as Record<string, unknown>;
  const value = record[field];
  return typeof value === 'string' && Object.hasOwn(record, field) ? value : undefined;
};

/**
 * Many compiled patterns, indexed by the fields every platform rule names — `source`, then `detail-type` —
 * so that an event is tried only against the patterns that can match it (EventBridge's engine keys its
 * state machine on such fields the same way). A pattern whose top-level condition on a field lists only
 * plain strings is filed under each of them; any other pattern is tried for every event. Exact: a pattern
 * filed under keys holds only when the event has one of them there, so skipping it otherwise changes no
 * answer, and {@link matching} returns what trying every pattern in order would.
 */
export class EventPatternIndex<T> {
  private readonly bySource = new Map<string, TypeLevel<T>>();
  private readonly anySource: TypeLevel<T> = { byType: new Map(), any: [] };
  /** Candidates per (source, detail-type) of single-string events, merged in pattern order once. */
  private readonly memo = new Map<string, Map<string, readonly Entry<T>[]>>();
  private memoCount = 0;
  private readonly entries: readonly Entry<T>[];

  /** Validates and compiles every pattern; throws {@link InvalidEventPatternError} as compiling one would. */
  constructor(patterns: readonly IndexedPattern<T>[]) {
    this.entries = patterns.map(({ pattern, value }, ordinal) => {
      const validated = validateEventPattern(pattern);
      const entry: Entry<T> = { ordinal, matches: createMatcher(validated), value };
      this.file(entry, exactKeys(validated.root, 'source'), exactKeys(validated.root, 'detail-type'));
      return entry;
    });
  }

  /** Number of patterns indexed. */
  get size(): number {
    return this.entries.length;
  }

  /** The values of the patterns `event` matches, in the order the patterns were given. */
  matching(event: unknown): T[] {
    const matched: T[] = [];
    for (const entry of this.candidates(event)) if (entry.matches(event)) matched.push(entry.value);
    return matched;
  }

  private file(
    entry: Entry<T>,
    sources: ReadonlySet<string> | null,
    types: ReadonlySet<string> | null,
  ): void {
    const levels: TypeLevel<T>[] = [];
    if (sources === null) levels.push(this.anySource);
    else {
      for (const source of sources) {
        let level = this.bySource.get(source);
        if (level === undefined) {
          level = { byType: new Map(), any: [] };
          this.bySource.set(source, level);
        }
        levels.push(level);
      }
    }
    for (const level of levels) {
      if (types === null) level.any.push(entry);
      else {
        for (const type of types) {
          const list = level.byType.get(type);
          if (list === undefined) level.byType.set(type, [entry]);
          else list.push(entry);
        }
      }
    }
  }

  private candidates(event: unknown): readonly Entry<T>[] {
    const source = singleString(event, 'source');
    const type = singleString(event, 'detail-type');
    if (source !== undefined && type !== undefined) return this.memoised(source, type);
    const sources = new Set<string>();
    const types = new Set<string>();
    collectFieldStrings(event, 'source', sources);
    collectFieldStrings(event, 'detail-type', types);
    return this.gather(sources, types);
  }

  private memoised(source: string, type: string): readonly Entry<T>[] {
    let byType = this.memo.get(source);
    const known = byType?.get(type);
    if (known !== undefined) return known;
    if (this.memoCount >= MAX_MEMOISED_PAIRS) {
      // Bounded: an event stream of ever new keys must not grow the memo without end.
      this.memo.clear();
      this.memoCount = 0;
      byType = undefined;
    }
    const candidates = this.gather(new Set([source]), new Set([type]));
    if (byType === undefined) {
      byType = new Map();
      this.memo.set(source, byType);
    }
    byType.set(type, candidates);
    this.memoCount++;
    return candidates;
  }

  private gather(sources: ReadonlySet<string>, types: ReadonlySet<string>): readonly Entry<T>[] {
    const levels: TypeLevel<T>[] = [this.anySource];
    for (const source of sources) {
      const level = this.bySource.get(source);
      if (level !== undefined) levels.push(level);
    }
    const lists: Entry<T>[][] = [];
    for (const level of levels) {
      if (level.any.length > 0) lists.push(level.any);
      for (const type of types) {
        const list = level.byType.get(type);
        if (list !== undefined) lists.push(list);
      }
    }
    if (lists.length === 0) return NO_CANDIDATES;
    if (lists.length === 1) return lists[0] as Entry<T>[];
    // A pattern filed under several keys the event has is tried once; the order stays the given one.
    const unique = new Map<number, Entry<T>>();
    for (const list of lists) for (const entry of list) unique.set(entry.ordinal, entry);
    return [...unique.values()].sort((a, b) => a.ordinal - b.ordinal);
  }
}
