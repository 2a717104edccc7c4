import { Bench } from 'tinybench';
import { compileEventPattern, type EventPattern } from '../../shared/eventPatterns/index.ts';
import { printBenchTable, runWhenMain } from './benchReport.ts';
import { measureRuleMatching } from './ruleMatchingRate.ts';

const withBand = { metadata: { bandId: [{ exists: true }] } };

/** About twenty rules shaped like the platform's subscriptions. */
const RULES: EventPattern[] = [
  { source: ['soleil.drive'], 'detail-type': ['drive.file_added'], detail: withBand },
  { source: ['soleil.drive'], 'detail-type': ['drive.file_changed'], detail: withBand },
  { source: ['soleil.drive'], 'detail-type': ['drive.file_removed'] },
  { source: ['soleil.drive'], 'detail-type': [{ prefix: 'drive.file_' }] },
  { source: ['soleil.content'], 'detail-type': ['content.updated'], detail: withBand },
  { source: ['soleil.content'], detail: { data: { kind: ['chart', 'audio'] } } },
  { source: ['soleil.auth'], 'detail-type': ['auth.user_logged_in'] },
  { source: ['soleil.auth'], 'detail-type': ['auth.user_logged_out', 'auth.session_expired'] },
  { source: ['soleil.sync'], 'detail-type': [{ 'anything-but': ['sync.heartbeat'] }] },
  { source: ['soleil.core'], 'detail-type': ['system.emergency'] },
  { source: [{ prefix: 'soleil.' }], detail: { metadata: { hops: [{ numeric: ['>=', 5] }] } } },
  { source: ['soleil.drive'], detail: { data: { path: [{ suffix: '.pdf' }] } } },
  { source: ['soleil.drive'], detail: { data: { path: [{ wildcard: '/charts/*/parts/*.pdf' }] } } },
  { source: ['soleil.drive'], detail: { data: { size: [{ numeric: ['>', 0, '<=', 50_000_000] }] } } },
  { 'detail-type': [{ 'equals-ignore-case': 'DRIVE.FILE_ADDED' }] },
  { source: ['soleil.dashboard'], 'detail-type': ['dashboard.viewed'], detail: withBand },
  { detail: { metadata: { bandId: ['band-42'] } } },
  {
    source: ['soleil.drive'],
    detail: { $or: [{ data: { kind: ['chart'] } }, { data: { size: [{ numeric: ['>', 1e6] }] } }] },
  },
  { source: ['soleil.content'], detail: { data: { instruments: ['sax', 'trumpet'] } } },
  { detail: { metadata: { correlationId: [{ exists: false }] } } },
];

function makeEvent(i: number): Record<string, unknown> {
  const types = ['drive.file_added', 'drive.file_changed', 'content.updated', 'auth.user_logged_in'];
  const detailType = types[i % types.length] ?? 'drive.file_added';
  return {
    version: '0',
    id: `evt-${i}`,
    source: `soleil.${detailType.split('.')[0]}`,
    'detail-type': detailType,
    account: '123456789012',
    time: '2025-01-01T00:00:00Z',
    region: 'eu-west-1',
    resources: [],
    detail: {
      metadata: {
        eventId: `evt-${i}`,
        schemaVersion: 1,
        correlationId: i % 3 === 0 ? undefined : `corr-${i}`,
        bandId: i % 5 === 0 ? undefined : `band-${i % 50}`,
        hops: i % 7,
      },
      data: {
        path: `/charts/song-${i}/parts/sax.pdf`,
        size: i * 1000,
        kind: i % 2 === 0 ? 'chart' : 'audio',
        instruments: ['sax', 'piano'],
      },
    },
  };
}

/**
 * Micro-benchmark of the matcher on the routing hot path: rules are compiled once, then events are
 * matched against all of them. Prints ops/s and mean time per operation.
 */
export async function runPatternMatchingBench(): Promise<void> {
  // Round-trip through JSON so events look like what the bus delivers (no undefined values).
  const events = Array.from({ length: 64 }, (_, i) => JSON.parse(JSON.stringify(makeEvent(i))) as unknown);
  const matchers = RULES.map((rule) => compileEventPattern(rule));
  const first = matchers[0] ?? (() => false);
  let sink = 0;
  let cursor = 0;
  const nextEvent = (): unknown => events[cursor++ & 63];

  const bench = new Bench({ name: 'EventBridge pattern matching', time: 500 });
  bench
    .add('compile 20 rules', () => {
      for (const rule of RULES) sink += compileEventPattern(rule).length;
    })
    .add('match 1 event against 1 rule', () => {
      if (first(nextEvent())) sink++;
    })
    .add('match 1 event against 20 rules', () => {
      const event = nextEvent();
      for (const matches of matchers) if (matches(event)) sink++;
    });
  await bench.run();

  printBenchTable(bench, `${bench.name} (${RULES.length} rules, ${events.length} distinct events)`, 'ns');
  if (sink === -1) console.log('unreachable');

  const { everyRule, indexed } = measureRuleMatching(300);
  const line = (name: string, r: { eventsPerCpuSecond: number; microsPerEvent: number }) =>
    `| ${name} | ${Math.round(r.eventsPerCpuSecond).toLocaleString('en-US')} | ${r.microsPerEvent.toFixed(2)} |`;
  console.log('\nOne event against 300 rules (tests/bench/manyRules.ts), one core, CPU time');
  console.log('| matching | events/s | µs/event |');
  console.log('|---|---:|---:|');
  console.log(line('trying every rule (before)', everyRule));
  console.log(line('rule index (source, detail-type)', indexed));
}

await runWhenMain(import.meta.url, runPatternMatchingBench);
