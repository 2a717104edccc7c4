/**
 * A JSON value as it may appear in an event or an event pattern.
 */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/**
 * An EventBridge event pattern in object form, e.g.
 * `{ "source": ["soleil.drive"], "detail": { "metadata": { "bandId": [{ "exists": true }] } } }`.
 * Kept loose on purpose: validation, not the type system, decides what AWS would accept.
 */
export type EventPattern = { readonly [key: string]: unknown };

/**
 * What the pattern functions accept: the pattern as an object or as its JSON text (as stored on a rule).
 */
export type EventPatternInput = EventPattern | string;

/**
 * A predicate over one leaf value of an event (a string, number, boolean or null).
 */
export type LeafValueTest = (value: unknown) => boolean;

/**
 * One field condition of a compiled pattern: the leaf values found at `path` must satisfy the
 * field's match list (the list items are alternatives).
 */
export interface CompiledCondition {
  /** Dotted path, as EventBridge names it (`detail.metadata.bandId`). */
  readonly path: string;
  /** `path` split on dots; event keys may themselves contain dots, so lookups try joined runs. */
  readonly segments: readonly string[];
  /** `lookups[j]` lists `[key, nextSegmentIndex]` for every run of segments starting at `j`. */
  readonly lookups: readonly (readonly (readonly [string, number])[])[];
  /** OR of the value matchers of the list; `null` when the list only holds `{"exists": false}`. */
  readonly test: LeafValueTest | null;
  /** The list holds `{"exists": false}`: the condition holds when the path has no leaf value. */
  readonly matchesAbsent: boolean;
  /**
   * The list holds only plain strings (no IP literal, no expression): the condition then holds exactly when
   * a leaf value at `path` is one of them — what a rule index can key on. `null` otherwise.
   */
  readonly exactStrings: ReadonlySet<string> | null;
  /**
   * Arrays met after consuming 1..trackDepth segments are shared with other conditions of the
   * pattern, so the element index must be remembered to keep matches within one array element.
   */
  readonly trackDepth: number;
}

/**
 * A compiled pattern object: all `conditions` must hold, and in every `anyOf` group (one per `$or`)
 * at least one alternative must hold.
 */
export interface CompiledNode {
  readonly conditions: readonly CompiledCondition[];
  readonly anyOf: readonly (readonly CompiledNode[])[];
}

/**
 * The result of {@link validateEventPattern}: the normalised pattern and its compiled tree.
 */
export interface ValidatedEventPattern {
  /** The pattern as a plain object (parsed if it was given as text). */
  readonly pattern: EventPattern;
  /** JSON text of the pattern, the form whose length AWS limits. */
  readonly source: string;
  readonly root: CompiledNode;
  /** True when no condition needs array-element bookkeeping, which allows the fast matcher. */
  readonly simple: boolean;
}

/**
 * A compiled matcher: call it with an event (parsed JSON); it never throws.
 */
export type EventPatternMatcher = (event: unknown) => boolean;
