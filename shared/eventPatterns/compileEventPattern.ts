import type { EventPatternInput, EventPatternMatcher } from './EventPattern.ts';
import { createMatcher } from './matchEventPattern.ts';
import { validateEventPattern } from './validateEventPattern.ts';

/**
 * Validates and compiles a pattern once and returns a fast matcher to reuse for every event.
 * Throws {@link InvalidEventPatternError} for patterns EventBridge would refuse.
 */
export function compileEventPattern(pattern: EventPatternInput): EventPatternMatcher {
  return createMatcher(validateEventPattern(pattern));
}

const MAX_CACHED_TEXT_PATTERNS = 256;
const byObject = new WeakMap<object, EventPatternMatcher>();
const byText = new Map<string, EventPatternMatcher>();

/**
 * One-off convenience: does `event` match `pattern`? Compiled matchers are cached per pattern text and
 * per pattern object (so do not mutate a pattern object after using it here); hot paths should hold on
 * to {@link compileEventPattern}'s result instead.
 */
export function matchesEventPattern(pattern: EventPatternInput, event: unknown): boolean {
  if (typeof pattern === 'string') {
    let matcher = byText.get(pattern);
    if (matcher === undefined) {
      matcher = compileEventPattern(pattern);
      if (byText.size >= MAX_CACHED_TEXT_PATTERNS) byText.clear();
      byText.set(pattern, matcher);
    }
    return matcher(event);
  }
  let matcher = byObject.get(pattern);
  if (matcher === undefined) {
    matcher = compileEventPattern(pattern);
    byObject.set(pattern, matcher);
  }
  return matcher(event);
}
