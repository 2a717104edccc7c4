import type { EventPattern } from '../../shared/eventPatterns/index.ts';

/**
 * A rule set the size the module issues are heading for (300 rules), shaped like the platform's
 * subscriptions and deterministic (no randomness: every run matches the same work). Ten sources with eight
 * detail-types each; most rules name a source and one or two detail-types and filter the detail with
 * prefix, numeric, anything-but or exists conditions; some name only a source, some match detail-types by
 * prefix or anything-but across sources, and a few name neither — the rules an index cannot key on.
 */
const SOURCES = [
  'drive',
  'content',
  'sync',
  'auth',
  'dashboard',
  'core',
  'billing',
  'media',
  'calendar',
  'notify',
] as const;
const TYPES_PER_SOURCE = 8;

const sourceOf = (i: number): string => `soleil.${SOURCES[i % SOURCES.length]}`;
const typeOf = (i: number, t: number): string =>
  `${SOURCES[i % SOURCES.length]}.event_${t % TYPES_PER_SOURCE}`;

const detailFilter = (i: number): Record<string, unknown> => {
  switch (i % 5) {
    case 0:
      return { metadata: { bandId: [{ exists: true }] } };
    case 1:
      return { data: { path: [{ prefix: `/charts/${i % 7}` }] } };
    case 2:
      return { data: { size: [{ numeric: ['>', (i % 10) * 1_000, '<=', 50_000_000] }] } };
    case 3:
      return { data: { kind: [{ 'anything-but': ['audio'] }] } };
    default:
      return { metadata: { hops: [{ numeric: ['<', 8] }] } };
  }
};

/** `count` rules (300 for the measure): the share each kind takes is fixed by `i`. */
export const manyRules = (count: number): EventPattern[] =>
  Array.from({ length: count }, (_, i): EventPattern => {
    const source = sourceOf(i);
    switch (i % 20) {
      case 0: // detail-type by prefix, any source: tried for every event
        return {
          'detail-type': [{ prefix: `${SOURCES[i % SOURCES.length]}.event_` }],
          detail: detailFilter(i),
        };
      case 1: // one source, any of its detail-types
        return { source: [source], detail: detailFilter(i) };
      case 2: // neither: a filter on the detail alone
        return { detail: { metadata: { bandId: [`band-${i % 50}`] } } };
      case 3: // any source but one
        return { source: [{ 'anything-but': [source] }], 'detail-type': [typeOf(i, i)] };
      case 4: // two detail-types
        return {
          source: [source],
          'detail-type': [typeOf(i, i), typeOf(i, i + 1)],
          detail: detailFilter(i),
        };
      default:
        return { source: [source], 'detail-type': [typeOf(i, i >> 1)], detail: detailFilter(i) };
    }
  });

/** `count` events spread over every source and detail-type, as the bus delivers them (JSON round trip). */
export const manyRuleEvents = (count: number): unknown[] =>
  Array.from({ length: count }, (_, i) =>
    JSON.parse(
      JSON.stringify({
        version: '0',
        id: `evt-${i}`,
        source: sourceOf(i),
        'detail-type': typeOf(i, i >> 2),
        account: '123456789012',
        time: '2025-01-01T00:00:00Z',
        region: 'eu-west-1',
        resources: [],
        detail: {
          metadata: { eventId: `evt-${i}`, bandId: `band-${i % 50}`, hops: i % 9 },
          data: {
            path: `/charts/${i % 7}/parts/sax.pdf`,
            size: i * 997,
            kind: i % 3 === 0 ? 'audio' : 'chart',
          },
        },
      }),
    ),
  );
