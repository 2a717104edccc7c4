import { describe, expect, it } from 'vitest';
import {
  compileEventPattern,
  InvalidEventPatternError,
  MAX_EVENT_PATTERN_LENGTH,
  validateEventPattern,
} from '../../../../shared/eventPatterns/index.ts';

function reasonOf(pattern: unknown): string {
  try {
    validateEventPattern(pattern as Record<string, unknown>);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidEventPatternError);
    return (error as InvalidEventPatternError).reason;
  }
  throw new Error('expected the pattern to be rejected');
}

describe('validateEventPattern', () => {
  it('accepts a pattern of exactly 2,048 characters and rejects one character more', () => {
    const base = { source: ['soleil.drive'], detail: { note: [''] } };
    const padding = MAX_EVENT_PATTERN_LENGTH - JSON.stringify(base).length;
    const atLimit = { source: ['soleil.drive'], detail: { note: ['x'.repeat(padding)] } };
    expect(JSON.stringify(atLimit)).toHaveLength(MAX_EVENT_PATTERN_LENGTH);
    expect(() => validateEventPattern(atLimit)).not.toThrow();
    expect(() => validateEventPattern(JSON.stringify(atLimit))).not.toThrow();

    const overLimit = { source: ['soleil.drive'], detail: { note: ['x'.repeat(padding + 1)] } };
    expect(reasonOf(overLimit)).toMatch(/too long: 2049 characters/);
    expect(() => validateEventPattern(JSON.stringify(overLimit))).toThrow(InvalidEventPatternError);
  });

  it('gives the same answer for the object and its JSON text', () => {
    const pattern = { source: ['soleil.drive'], detail: { data: { size: [{ numeric: ['>', 10] }] } } };
    const fromObject = compileEventPattern(pattern);
    const fromText = compileEventPattern(JSON.stringify(pattern));
    for (const size of [5, 10, 11, 'big']) {
      const event = { source: 'soleil.drive', detail: { data: { size } } };
      expect(fromText(event)).toBe(fromObject(event));
    }
  });

  it('reports JSON syntax errors and non-object patterns as invalid patterns', () => {
    expect(() => validateEventPattern('{"source": ')).toThrow(/^Event pattern is not valid\. Reason: /);
    expect(() => validateEventPattern('["not", "a", "dict"]')).toThrow(
      'Event pattern is not valid. Reason: Filter is not an object\n at [Source: (String)"["not", "a", "dict"]"; line: 1, column: 2]',
    );
    expect(reasonOf([1, 2])).toBe('Filter is not an object');
    expect(reasonOf(null)).toBe('Filter is not an object');
  });

  it.each([
    [{}, 'Empty objects are not allowed'],
    [{ detail: {} }, 'Empty objects are not allowed'],
    [{ a: null }, '"a" must be an object or an array'],
    [{ a: [[1]] }, 'Match value must be String, number, true, false, or null'],
    [{ a: [{}] }, 'Match expression name not found'],
    [{ a: [{ prefix: 'x', suffix: 'y' }] }, 'Only one key allowed in match expression'],
    [{ a: [{ prefix: { foo: 'x' } }] }, 'Unsupported prefix pattern: foo'],
    [{ a: [{ suffix: {} }] }, 'Suffix expression name not found'],
    [{ a: [{ exists: 'yes' }] }, 'exists match pattern must be either true or false.'],
    [{ a: [{ numeric: [] }] }, 'Invalid member in numeric match: ]'],
    [{ a: [{ numeric: ['!=', 1] }] }, 'Unrecognized numeric range operator: !='],
    [{ a: [{ numeric: ['=', 1, 2] }] }, 'Too many elements in numeric expression'],
    [{ a: [{ numeric: ['>', 1, '<', 2, 3] }] }, 'Too many terms in numeric range expression'],
    [{ a: [{ numeric: ['>', 5, '<', 5] }] }, 'Bottom must be less than top'],
    [{ a: [{ numeric: ['>', 5e9 + 1] }] }, 'Value must be between -5.0E9 and 5.0E9, inclusive'],
    [
      { a: [{ 'anything-but': [] }] },
      'Inside anything but list, either all values are number or string, mixed type is not supported',
    ],
    [
      { a: [{ 'anything-but': ['x', 1] }] },
      'Inside anything but list, either all values are number or string, mixed type is not supported',
    ],
    [{ a: [{ 'anything-but': { contains: 'x' } }] }, 'Unsupported anything-but pattern: contains'],
    [{ a: [{ wildcard: 'a\\b' }] }, 'Invalid escape character at pos 2'],
    [{ a: [{ cidr: '10.0.0.0/32' }] }, 'IPv4 mask bits must be < 32'],
    [{ a: [{ cidr: '10.0.0.0/-1' }] }, 'Malformed CIDR, mask bits must not be negative'],
    [{ $or: [{ a: ['x'] }] }, 'There must have at least 2 Objects in $or relationship.'],
    [{ $or: { a: ['x'] } }, 'It must be an Array followed with $or.'],
    [{ $or: [{ a: ['x'] }, 'b'] }, 'Only JSON object is allowed in array of $or relationship.'],
    [
      { $or: [{ a: ['x'] }, { prefix: ['y'] }] },
      'prefix is Ruler reserved fieldName which cannot be used inside $or.',
    ],
  ])('rejects %j: %s', (pattern, reason) => {
    expect(reasonOf(pattern)).toBe(reason);
  });

  it('lets a later occurrence of the same path win, as AWS does', () => {
    const matches = compileEventPattern('{"detail":{"state":["a"]},"detail.state":["b"]}');
    expect(matches({ detail: { state: 'b' } })).toBe(true);
    expect(matches({ detail: { state: 'a' } })).toBe(false);
  });
});
