import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compileEventPattern,
  type EventPattern,
  matchesEventPattern,
} from '../../../../shared/eventPatterns/index.ts';

const fileAdded = {
  source: 'soleil.drive',
  'detail-type': 'drive.file_added',
  detail: { metadata: { bandId: 'band-1', hops: 0 }, data: { path: '/charts/sax.pdf', size: 1200 } },
};

describe('compiled matchers', () => {
  it('can be reused across many events without carrying state between calls', () => {
    const matches = compileEventPattern({
      source: ['soleil.drive'],
      detail: { metadata: { bandId: [{ exists: true }] } },
    });
    const other = { ...fileAdded, detail: { metadata: {}, data: {} } };
    for (let i = 0; i < 100; i++) {
      expect(matches(fileAdded)).toBe(true);
      expect(matches(other)).toBe(false);
    }
  });

  it('matchesEventPattern agrees with the compiled matcher for text and object patterns', () => {
    const pattern = { detail: { data: { path: [{ wildcard: '/charts/*.pdf' }] } } };
    expect(matchesEventPattern(pattern, fileAdded)).toBe(true);
    expect(matchesEventPattern(JSON.stringify(pattern), fileAdded)).toBe(true);
    expect(matchesEventPattern(pattern, { detail: { data: { path: '/audio/x.mp3' } } })).toBe(false);
  });

  it('does not match fields taken from different elements of one array', () => {
    const matches = compileEventPattern({ parts: { instrument: ['sax'], key: ['Eb'] } });
    expect(
      matches({
        parts: [
          { instrument: 'sax', key: 'Eb' },
          { instrument: 'piano', key: 'C' },
        ],
      }),
    ).toBe(true);
    expect(
      matches({
        parts: [
          { instrument: 'sax', key: 'C' },
          { instrument: 'piano', key: 'Eb' },
        ],
      }),
    ).toBe(false);
  });

  it('keeps $or alternatives within one array element too', () => {
    const matches = compileEventPattern({
      parts: { instrument: ['sax'], $or: [{ key: ['Eb'] }, { transposed: [true] }] },
    });
    expect(matches({ parts: [{ instrument: 'sax', transposed: true }] })).toBe(true);
    expect(matches({ parts: [{ instrument: 'sax' }, { transposed: true }] })).toBe(false);
  });

  it('treats IP literals as addresses in exact matches and CIDR ranges', () => {
    expect(matchesEventPattern({ ip: ['2001:db8::1'] }, { ip: '2001:0db8:0:0:0:0:0:1' })).toBe(true);
    expect(matchesEventPattern({ ip: [{ cidr: '10.0.0.0/8' }] }, { ip: '10.255.0.1' })).toBe(true);
    expect(matchesEventPattern({ ip: [{ cidr: '10.0.0.0/8' }] }, { ip: '11.0.0.1' })).toBe(false);
  });

  it('compares numbers on AWS grid: six decimals, ±5e9', () => {
    expect(matchesEventPattern({ n: [{ numeric: ['=', 3] }] }, { n: 3.0000001 })).toBe(true);
    expect(matchesEventPattern({ n: [{ numeric: ['>', 0] }] }, { n: 6e9 })).toBe(false);
    expect(matchesEventPattern({ n: [123456789012] }, { n: 123456789012 })).toBe(true);
  });

  it('keeps numeric bounds open or closed exactly as written (> vs >=, < vs <=)', () => {
    const at = (numeric: unknown[], n: number) => matchesEventPattern({ n: [{ numeric }] }, { n });
    expect([
      at(['>', 10], 10),
      at(['>', 10], 10.000001),
      at(['>=', 10], 10),
      at(['>=', 10], 9.999999),
    ]).toEqual([false, true, true, false]);
    expect([
      at(['<', 10], 10),
      at(['<', 10], 9.999999),
      at(['<=', 10], 10),
      at(['<=', 10], 10.000001),
    ]).toEqual([false, true, true, false]);
    // Both ends of a range, each of the four combinations.
    expect([at(['>', 0, '<', 5], 0), at(['>', 0, '<', 5], 5), at(['>', 0, '<', 5], 2.5)]).toEqual([
      false,
      false,
      true,
    ]);
    expect([at(['>=', 0, '<=', 5], 0), at(['>=', 0, '<=', 5], 5), at(['>=', 0, '<=', 5], 5.000001)]).toEqual([
      true,
      true,
      false,
    ]);
    expect([at(['>=', 0, '<', 5], 0), at(['>=', 0, '<', 5], 5)]).toEqual([true, false]);
    expect([at(['>', 0, '<=', 5], 0), at(['>', 0, '<=', 5], 5)]).toEqual([false, true]);
    expect([at(['>=', -1, '<', 1], -1), at(['>=', -1, '<', 1], -1.000001)]).toEqual([true, false]);
  });

  it('excludes by prefix with anything-but, and only strings that start with it', () => {
    const notDraft = { state: [{ 'anything-but': { prefix: 'draft' } }] };
    expect(matchesEventPattern(notDraft, { state: 'draft' })).toBe(false);
    expect(matchesEventPattern(notDraft, { state: 'draft-2' })).toBe(false);
    expect(matchesEventPattern(notDraft, { state: 'final-draft' })).toBe(true);
    expect(matchesEventPattern(notDraft, { state: 'Draft' })).toBe(true);
    expect(matchesEventPattern(notDraft, { state: 'dra' })).toBe(true);
    expect(matchesEventPattern(notDraft, { state: 7 })).toBe(true);
    expect(matchesEventPattern(notDraft, {})).toBe(false);
    const neither = { state: [{ 'anything-but': { prefix: ['tmp/', 'cache/'] } }] };
    expect(matchesEventPattern(neither, { state: 'cache/x' })).toBe(false);
    expect(matchesEventPattern(neither, { state: 'tmp/x' })).toBe(false);
    expect(matchesEventPattern(neither, { state: 'charts/tmp/x' })).toBe(true);
  });

  it('matches prototype-looking keys only when they are really in the event', () => {
    expect(matchesEventPattern({ constructor: [{ exists: true }] }, {})).toBe(false);
    expect(matchesEventPattern({ constructor: [{ exists: false }] }, {})).toBe(true);
    expect(matchesEventPattern('{"__proto__":["x"]}', JSON.parse('{"__proto__":"x"}'))).toBe(true);
    expect(matchesEventPattern('{"__proto__":["x"]}', {})).toBe(false);
  });
});

const validPatterns: EventPattern[] = [
  { source: ['soleil.drive'], 'detail-type': ['drive.file_added'] },
  { detail: { metadata: { bandId: [{ exists: true }] } } },
  { detail: { data: { size: [{ numeric: ['>=', 0, '<', 1000] }] } } },
  { detail: { data: { path: [{ prefix: { 'equals-ignore-case': '/CHARTS' } }, { suffix: '.pdf' }] } } },
  { detail: { state: [{ 'anything-but': { wildcard: ['*/init/*', 'x*'] } }, null, true, 3] } },
  { detail: { ip: [{ cidr: '2001:db8::/32' }, { cidr: '10.0.0.0/8' }] } },
  { detail: { $or: [{ a: [{ exists: false }] }, { b: { c: [{ 'equals-ignore-case': 'X' }] } }] } },
  { 'detail.a.b': [{ 'anything-but': [1, 2] }], detail: { a: { c: [{ wildcard: '*a*b' }] } } },
];

describe('property: matchers never throw', () => {
  it('returns a boolean for any JSON event', () => {
    const matchers = validPatterns.map((p) => compileEventPattern(p));
    const key = fc.constantFrom(
      'source',
      'detail',
      'metadata',
      'data',
      'a',
      'b',
      'c',
      'ip',
      'state',
      'size',
      'path',
    );
    const json = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        fc.string(),
        fc.double(),
        fc.integer(),
        fc.boolean(),
        fc.constant(null),
        fc.constantFrom('10.1.2.3', '2001:db8::1', '/charts/a.pdf', 'x/init/y'),
        fc.array(tie('value'), { maxLength: 4 }),
        fc.dictionary(key, tie('value'), { maxKeys: 4 }),
      ),
    })).value;
    fc.assert(
      fc.property(fc.oneof(json, fc.dictionary(key, json)), (event) => {
        for (const matches of matchers) expect(typeof matches(event)).toBe('boolean');
      }),
      { numRuns: 500 },
    );
  });
});
