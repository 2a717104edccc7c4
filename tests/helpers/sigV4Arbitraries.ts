import fc from 'fast-check';

/** A path segment as a client sends it: percent-encoded text, or a dot segment, or empty (a double slash). */
const segment = fc.oneof(
  fc.string({ maxLength: 12, unit: 'grapheme' }).map(encodeURIComponent),
  fc.constantFrom(
    '.',
    '..',
    '',
    '@connections',
    'abc%3D',
    'a%2Fb',
    "it's",
    '(x)*!',
    '2015-03-31',
    'my-fn%3Alive',
  ),
);

/** Request paths for SigV4 property tests: segments as above, with or without a trailing slash. */
export const requestPath = fc
  .tuple(fc.array(segment, { maxLength: 5 }), fc.boolean())
  .map(([segments, trailing]) => `/${segments.join('/')}${trailing ? '/' : ''}`);

/** Decoded query strings: names with one value or several (a repeated name). */
export const requestQuery = fc.dictionary(
  fc.string({ minLength: 1, maxLength: 8 }),
  fc.oneof(
    fc.string({ maxLength: 8 }),
    fc.array(fc.string({ maxLength: 6 }), { minLength: 1, maxLength: 3 }),
  ),
  { maxKeys: 4 },
);

/** Header values, with the blanks SigV4's canonical form collapses and trims (and ones it must not trim). */
export const headerValue = fc.oneof(
  fc.string({ maxLength: 20 }).filter((v) => !/[\r\n]/.test(v)),
  fc.constantFrom(
    '  padded  ',
    'a\tb   c',
    'two  spaces',
    'one\ttab',
    ' x ',
    'application/x-amz-json-1.1',
    '\u00a0nbsp\u00a0',
    'v\u000b',
  ),
);
