export { compileEventPattern, matchesEventPattern } from './compileEventPattern.ts';
export type {
  EventPattern,
  EventPatternInput,
  EventPatternMatcher,
  ValidatedEventPattern,
} from './EventPattern.ts';
export { EventPatternIndex, type IndexedPattern } from './EventPatternIndex.ts';
export { InvalidEventPatternError } from './InvalidEventPatternError.ts';
export { MAX_EVENT_PATTERN_LENGTH, validateEventPattern } from './validateEventPattern.ts';
