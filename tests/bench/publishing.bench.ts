import type { PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { Bench } from 'tinybench';
import type { EventContract } from '../../shared/contracts/defineEvent.ts';
import { findEventContract } from '../../shared/contracts/eventCatalog.ts';
import { eventDetailSchema } from '../../shared/contracts/eventEnvelope.ts';
import { batchEntries } from '../../shared/runtime/events/batchEntries.ts';
import { buildEventDetail } from '../../shared/runtime/events/buildEventDetail.ts';
import { printBenchTable, runWhenMain } from './benchReport.ts';

const requireContract = (name: string): EventContract => {
  const contract = findEventContract(name);
  if (!contract) throw new Error(`${name} is missing from the event catalog`);
  return contract;
};
const contentUpdated = requireContract('content.updated');

const data = (i: number) => ({
  bandId: `band-${i % 20}`,
  fileId: `file-${i}`,
  fileName: `AllOfMe_Bb_${i}.pdf`,
  change: 'added' as const,
  kind: 'chart' as const,
  songId: 'all-of-me',
  displayTitle: 'All Of Me',
  token: 'Bb' as const,
  instruments: ['trumpet' as const, 'tenor_sax' as const],
  allMembers: false,
});

/** 1,000 entries shaped like the publisher's, sizes varied so the byte limit matters too. */
const makeEntries = (): PutEventsRequestEntry[] =>
  Array.from({ length: 1_000 }, (_, i) => ({
    Source: 'soleil.content',
    DetailType: 'content.updated',
    Detail: JSON.stringify({
      metadata: { eventId: crypto.randomUUID() },
      data: data(i),
      pad: 'x'.repeat((i % 40) * 1000),
    }),
    EventBusName: 'soleil-bench',
  }));

/**
 * Micro-benchmark of the publishing hot path: splitting entries into PutEvents requests (10 entries /
 * 256 KB) and validating an event envelope against its contract, on publish and on receipt.
 */
export async function runPublishingBench(): Promise<void> {
  const entries = makeEntries();
  const detailSchema = eventDetailSchema(contentUpdated.data);
  const received = buildEventDetail(contentUpdated, 'content', data(1), { bandId: 'band-1' });
  let sink = 0;

  const bench = new Bench({ name: 'Publishing', time: 500 });
  bench
    .add('batch 1,000 entries', () => {
      sink += batchEntries(entries).length;
    })
    .add('build + validate 1 envelope (publish)', () => {
      sink += buildEventDetail(contentUpdated, 'content', data(sink & 63)).metadata.hop;
    })
    .add('validate 1 received detail (receipt)', () => {
      if (detailSchema.safeParse(received).success) sink++;
    });
  await bench.run();

  printBenchTable(
    bench,
    `${bench.name} (${entries.length} entries → ${batchEntries(entries).length} requests)`,
    'µs',
  );
  if (sink === -1) console.log('unreachable');
}

await runWhenMain(import.meta.url, runPublishingBench);
