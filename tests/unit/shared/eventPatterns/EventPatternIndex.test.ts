import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compileEventPattern,
  type EventPattern,
  EventPatternIndex,
  InvalidEventPatternError,
} from '../../../../shared/eventPatterns/index.ts';

/** What trying every pattern in order answers: the reference the index must equal. */
const everyPattern = (patterns: readonly EventPattern[]) => {
  const matchers = patterns.map((p) => compileEventPattern(p));
  return (event: unknown): number[] => matchers.flatMap((matches, i) => (matches(event) ? [i] : []));
};

const indexOf = (patterns: readonly EventPattern[]) =>
  new EventPatternIndex(patterns.map((pattern, i) => ({ pattern, value: i })));

const SOURCES = ['soleil.drive', 'soleil.content', 'soleil.sync', 'Soleil.drive', '10.0.0.1', ''];
const TYPES = ['drive.file_added', 'drive.file_removed', 'content.updated', 'sync.x', 'x'];

/** A field's match list, from the kinds an index can key on (plain strings) to every kind it cannot. */
const matchList = (pool: readonly string[]): fc.Arbitrary<readonly unknown[]> => {
  const text = fc.constantFrom(...pool);
  return fc.oneof(
    fc.array(text, { minLength: 1, maxLength: 3 }),
    text.map((t) => [{ prefix: t.slice(0, 4) }]),
    fc.array(text, { minLength: 1, maxLength: 2 }).map((ts) => [{ 'anything-but': ts }]),
    fc.constant([{ exists: false }]),
    fc.constant([{ exists: true }]),
    text.map((t) => [t, { exists: false }]),
    text.map((t) => [t, { prefix: 'soleil.c' }]),
    text.map((t) => [{ 'equals-ignore-case': t }]),
    text.map((t) => [{ suffix: t.slice(-3) }]),
    fc.constant([{ numeric: ['>', 1] }]),
    fc.constant(['10.0.0.1']),
    fc.constant([1, 'soleil.drive']),
  );
};

/** A rule: with or without source and detail-type, a detail condition, sometimes a `$or` on them. */
const pattern: fc.Arbitrary<EventPattern> = fc
  .record(
    {
      source: matchList(SOURCES),
      'detail-type': matchList(TYPES),
      detail: fc.oneof(
        fc.record({ size: fc.constant([{ numeric: ['>', 10] }]) }),
        fc.record({ kind: fc.constantFrom(['chart'], [{ 'anything-but': 'audio' }], [{ exists: false }]) }),
      ),
      $or: fc.tuple(
        fc.record({ source: matchList(SOURCES) }),
        fc.record({ 'detail-type': matchList(TYPES) }),
      ),
    },
    { requiredKeys: [] },
  )
  .filter((p) => {
    if (Object.keys(p).length === 0) return false;
    try {
      compileEventPattern(p);
      return true;
    } catch (error) {
      if (error instanceof InvalidEventPatternError) return false;
      throw error;
    }
  });

/** A field's value in an event: usually one string, sometimes an array, another type, or nothing. */
const fieldValue = (pool: readonly string[]): fc.Arbitrary<unknown> =>
  fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...pool) },
    { weight: 1, arbitrary: fc.array(fc.constantFrom(...pool), { maxLength: 3 }) },
    {
      weight: 1,
      arbitrary: fc.array(fc.array(fc.constantFrom(...pool), { maxLength: 2 }), { maxLength: 2 }),
    },
    { weight: 1, arbitrary: fc.constantFrom(null, 1, true, { nested: 'soleil.drive' }, [{ a: 'x' }]) },
  );

const eventObject = fc.record(
  {
    source: fieldValue(SOURCES),
    'detail-type': fieldValue(TYPES),
    detail: fc.record(
      { size: fc.integer({ min: 0, max: 20 }), kind: fc.constantFrom('chart', 'audio') },
      { requiredKeys: [] },
    ),
  },
  { requiredKeys: [] },
);

/** Mostly events as the bus builds them; sometimes an array of them or no object at all. */
const event: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 8, arbitrary: eventObject },
  { weight: 1, arbitrary: fc.array(eventObject, { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.constantFrom(null, 'soleil.drive', 3, []) },
);

describe('EventPatternIndex', () => {
  it('answers exactly what trying every pattern in order answers (generated rules and events)', () => {
    fc.assert(
      fc.property(
        fc.array(pattern, { maxLength: 30 }),
        fc.array(event, { minLength: 1, maxLength: 20 }),
        (patterns, events) => {
          const index = indexOf(patterns);
          const reference = everyPattern(patterns);
          for (const e of events) expect(index.matching(e)).toEqual(reference(e));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('finds a rule keyed on source and detail-type wherever the matcher would find those values', () => {
    const index = new EventPatternIndex([
      { pattern: { source: ['soleil.drive'], 'detail-type': ['drive.file_added'] }, value: 'drive' },
    ]);
    expect(index.matching({ source: 'soleil.drive', 'detail-type': 'drive.file_added' })).toEqual(['drive']);
    expect(index.matching({ source: 'soleil.content', 'detail-type': 'drive.file_added' })).toEqual([]);
    expect(
      index.matching({ source: ['soleil.content', ['soleil.drive']], 'detail-type': 'drive.file_added' }),
    ).toEqual(['drive']);
    // An event that is itself an array: the matcher looks through it, so the index must too.
    expect(index.matching([{ source: 'soleil.drive' }, { 'detail-type': 'drive.file_added' }])).toEqual([
      'drive',
    ]);
    expect(index.matching({ source: { nested: 'soleil.drive' }, 'detail-type': 'drive.file_added' })).toEqual(
      [],
    );
  });

  it('tries rules without an exact source or detail-type for every event, in the given order', () => {
    const index = new EventPatternIndex([
      { pattern: { 'detail-type': [{ 'anything-but': 'x' }] }, value: 'not-x' },
      { pattern: { source: ['soleil.drive'], 'detail-type': ['drive.file_added'] }, value: 'exact' },
      { pattern: { source: [{ exists: false }] }, value: 'no-source' },
      { pattern: { source: ['soleil.drive'] }, value: 'drive' },
      { pattern: { $or: [{ source: ['soleil.drive'] }, { source: ['soleil.sync'] }] }, value: 'or' },
    ]);
    expect(index.matching({ source: 'soleil.drive', 'detail-type': 'drive.file_added' })).toEqual([
      'not-x',
      'exact',
      'drive',
      'or',
    ]);
    expect(index.matching({ 'detail-type': 'y' })).toEqual(['not-x', 'no-source']);
    expect(index.size).toBe(5);
  });

  it('stays exact past the memo of (source, detail-type) pairs', () => {
    const patterns: EventPattern[] = [
      { source: ['s-7'], 'detail-type': ['t-7'] },
      { source: [{ prefix: 's-1' }] },
    ];
    const index = indexOf(patterns);
    const reference = everyPattern(patterns);
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 5_000; i++) {
        const e = { source: `s-${i % 100}`, 'detail-type': `t-${i % 97}` };
        expect(index.matching(e)).toEqual(reference(e));
      }
    }
  });

  it('refuses an invalid pattern as compiling it would', () => {
    expect(() => new EventPatternIndex([{ pattern: { source: 'soleil.drive' }, value: 1 }])).toThrow(
      InvalidEventPatternError,
    );
  });
});
