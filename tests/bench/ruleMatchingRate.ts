import { compileEventPattern, EventPatternIndex } from '../../shared/eventPatterns/index.ts';
import { manyRuleEvents, manyRules } from './manyRules.ts';

/** Events per CPU-second and CPU µs per event of one way of matching. */
export interface MatchingRate {
  readonly eventsPerCpuSecond: number;
  readonly microsPerEvent: number;
  /** Matches found over the measured events (both ways must find the same number). */
  readonly matches: number;
}

const cpuMicros = (): number => {
  const { user, system } = process.cpuUsage();
  return user + system;
};

/** Runs `match` over the events for about `ms` of CPU time (after a warm-up) and measures it. */
const rateOf = (events: readonly unknown[], match: (event: unknown) => number, ms: number): MatchingRate => {
  for (let i = 0; i < 20_000; i++) match(events[i % events.length]);
  let done = 0;
  let matches = 0;
  const start = cpuMicros();
  while (cpuMicros() - start < ms * 1_000) {
    for (let i = 0; i < 1_000; i++) matches += match(events[(done + i) % events.length]);
    done += 1_000;
  }
  const micros = cpuMicros() - start;
  return { eventsPerCpuSecond: (done / micros) * 1e6, microsPerEvent: micros / done, matches };
};

/**
 * Matching one event against `ruleCount` rules (see {@link manyRules}), on one core and in CPU time (the
 * machine is shared, CPU time is what the core spent): trying every rule as the router did, and through
 * the rule index it uses now. Both must find the same matches, or the measure throws.
 */
export const measureRuleMatching = (
  ruleCount = 300,
  ms = 1_000,
): { readonly everyRule: MatchingRate; readonly indexed: MatchingRate } => {
  const rules = manyRules(ruleCount);
  const events = manyRuleEvents(1_024);
  const matchers = rules.map((rule) => compileEventPattern(rule));
  const index = new EventPatternIndex(rules.map((pattern, value) => ({ pattern, value })));
  const everyRule = (event: unknown): number => {
    let n = 0;
    for (const matches of matchers) if (matches(event)) n++;
    return n;
  };
  const indexed = (event: unknown): number => index.matching(event).length;
  for (const event of events) {
    if (everyRule(event) !== indexed(event)) throw new Error('The rule index disagrees with every rule');
  }
  return { everyRule: rateOf(events, everyRule, ms), indexed: rateOf(events, indexed, ms) };
};
