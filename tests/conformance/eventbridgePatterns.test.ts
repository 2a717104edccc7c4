import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import JSON5 from 'json5';
import { describe, expect, it } from 'vitest';
import {
  compileEventPattern,
  EventPatternIndex,
  InvalidEventPatternError,
} from '../../shared/eventPatterns/index.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const conformanceDir = path.join(repoRoot, 'tests', 'conformance', 'eventbridge-patterns');
const casesDir = path.join(conformanceDir, 'cases');
const snapshotFile = path.join(conformanceDir, 'aws-recorded-snapshot.json');
/**
 * The README speaks of 157 cases: that is the number of files in `cases/`. The two
 * `complex_multi_key_event*.json` files form one case, so there are 156 checks (38 invalid, 51 no-match,
 * 67 match). The snapshot also holds a stale `exists_list_empty` entry with no case file.
 */
const EXPECTED_CASE_FILES = 157;
const EXPECTED = { invalid: 38, noMatch: 51, match: 67 } as const;

type Outcome = 'match' | 'no-match' | 'invalid';

interface ConformanceCase {
  readonly name: string;
  readonly event: unknown;
  /** Object, or the raw JSON text when the case is stored as plain JSON (duplicate keys must survive). */
  readonly pattern: Record<string, unknown> | string;
  readonly outcome: Outcome;
}

function outcomeOf(name: string): Outcome {
  if (name.endsWith('_EXC')) return 'invalid';
  if (name.endsWith('_NEG')) return 'no-match';
  return 'match';
}

function loadCases(): ConformanceCase[] {
  if (!existsSync(casesDir)) return [];
  const files = readdirSync(casesDir).sort();
  const cases: ConformanceCase[] = [];
  for (const file of files.filter((f) => f.endsWith('.json5'))) {
    const name = file.slice(0, -'.json5'.length);
    const parsed = JSON5.parse<{ Event: unknown; EventPattern: Record<string, unknown> }>(
      readFileSync(path.join(casesDir, file), 'utf8'),
    );
    cases.push({ name, event: parsed.Event, pattern: parsed.EventPattern, outcome: outcomeOf(name) });
  }
  const pairEvent = path.join(casesDir, 'complex_multi_key_event.json');
  const pairPattern = path.join(casesDir, 'complex_multi_key_event_pattern.json');
  if (existsSync(pairEvent) && existsSync(pairPattern)) {
    cases.push({
      name: 'complex_multi_key_event',
      event: JSON.parse(readFileSync(pairEvent, 'utf8')),
      pattern: readFileSync(pairPattern, 'utf8'),
      outcome: 'match',
    });
  }
  return cases;
}

function findErrorMessage(node: unknown): string | undefined {
  if (typeof node !== 'object' || node === null) return undefined;
  const message = (node as { Error?: { Message?: unknown } }).Error?.Message;
  if (typeof message === 'string') return message;
  for (const child of Object.values(node)) {
    const found = findErrorMessage(child);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** `_EXC` case name -> AWS's recorded `Error.Message`. */
function loadRecordedMessages(): Map<string, string> {
  const messages = new Map<string, string>();
  if (!existsSync(snapshotFile)) return messages;
  const snapshot = JSON.parse(readFileSync(snapshotFile, 'utf8')) as Record<string, unknown>;
  for (const [key, entry] of Object.entries(snapshot)) {
    const name = /test_event_pattern\[(.+)\]$/.exec(key)?.[1];
    const message = findErrorMessage(entry);
    if (name !== undefined && message !== undefined) messages.set(name, message);
  }
  return messages;
}

const cases = loadCases();
const recordedMessages = loadRecordedMessages();

describe('EventBridge pattern conformance (AWS-recorded cases)', () => {
  it('finds the conformance data: all 157 case files', () => {
    expect(existsSync(casesDir), `conformance cases folder is missing: ${casesDir}`).toBe(true);
    expect(readdirSync(casesDir)).toHaveLength(EXPECTED_CASE_FILES);
    expect(cases.filter((c) => c.outcome === 'invalid')).toHaveLength(EXPECTED.invalid);
    expect(cases.filter((c) => c.outcome === 'no-match')).toHaveLength(EXPECTED.noMatch);
    expect(cases.filter((c) => c.outcome === 'match')).toHaveLength(EXPECTED.match);
  });

  for (const testCase of cases) {
    it(`${testCase.name}: ${testCase.outcome}`, () => {
      if (testCase.outcome === 'invalid') {
        let error: unknown;
        try {
          compileEventPattern(testCase.pattern);
        } catch (caught) {
          error = caught;
        }
        expect(error).toBeInstanceOf(InvalidEventPatternError);
        const recorded = recordedMessages.get(testCase.name);
        expect(recorded, `no recorded AWS message for ${testCase.name}`).toBeDefined();
        expect((error as InvalidEventPatternError).message).toBe(recorded);
        return;
      }
      const matches = compileEventPattern(testCase.pattern);
      expect(matches(testCase.event)).toBe(testCase.outcome === 'match');
    });
  }

  // The router matches through the rule index: it must answer every case as the matcher does, with all the
  // valid patterns indexed together (each case's event then also meets the other cases' patterns).
  it('the rule index, holding every valid pattern, answers each case as trying every pattern does', () => {
    const valid = cases.filter((c) => c.outcome !== 'invalid');
    const index = new EventPatternIndex(valid.map((c) => ({ pattern: c.pattern, value: c.name })));
    const matchers = valid.map((c) => ({ name: c.name, matches: compileEventPattern(c.pattern) }));
    for (const testCase of valid) {
      const indexed = index.matching(testCase.event);
      expect(indexed.includes(testCase.name), testCase.name).toBe(testCase.outcome === 'match');
      expect(indexed, testCase.name).toEqual(
        matchers.filter((m) => m.matches(testCase.event)).map((m) => m.name),
      );
    }
  });
});
