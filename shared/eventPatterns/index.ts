export { compileEventPattern, matchesEventPattern } from './compileEventPattern.ts';
export type {
  CompiledCondition,
  CompiledNode,
  EventPattern,
  EventPatternInput,
  EventPatternMatcher,
  JsonValue,
  LeafValueTest,
  ValidatedEventPattern,
} from './EventPattern.ts';
export { InvalidEventPatternError } from './InvalidEventPatternError.ts';
export { matchValidatedPattern } from './matchEventPattern.ts';
export { MAX_EVENT_PATTERN_LENGTH, validateEventPattern } from './validateEventPattern.ts';
