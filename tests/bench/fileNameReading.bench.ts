import { Bench } from 'tinybench';
import { readFileName } from '../../functions/content/domain/readFileName.ts';
import { printBenchTable, runWhenMain } from './benchReport.ts';

const SONGS = [
  'AllOfMe',
  'BlueMoon',
  'FlyMeToTheMoon',
  'Misty',
  'DontYouWorryBoutAThing',
  'Summertime',
  'TakeTheATrain',
  'AutumnLeaves',
  'SatinDoll',
  'InAMellowTone',
  'Take5',
  'SeptemberSong',
  'OnGreenDolphinStreet',
  'Spain',
  '90sPop',
  'StompinAtTheSavoy',
];
const CHART_TOKENS = ['Bb', 'Eb', 'Concert', 'BassClef', 'Chords', 'Lyrics'];

/** What a band library mostly holds: charts for every token, audio, placeholders and gig documents. */
const conformingNames = (): string[] =>
  SONGS.flatMap((song, i) => [
    ...CHART_TOKENS.map((token) => `${song}_${token}.pdf`),
    `${song}.mp3`,
    `${song}_Ref.mp3`,
    `${song}_Backing.wav`,
    i % 4 === 0 ? `${song}_Eb_X.pdf` : `${song}_X.pdf`,
    `2026-${String((i % 12) + 1).padStart(2, '0')}-14_${song}Night.pdf`,
  ]);

/** The names that make a reader work harder: case variants, aliases, Unicode, odd extensions, long names. */
const ODD_NAMES = [
  'all_of_me_bb.PDF',
  'All Of Me_bass.pdf',
  'TakeThe_ATrain.pdf',
  'AllOfMe_Bb (1).pdf',
  'Café_Bb.pdf',
  'Cafe\u0301_Concert.pdf',
  'ÉtéIndien_Chords.pdf',
  'Straße_Bb.pdf',
  '上を向いて歩こう_Lyrics.pdf',
  'My.Song_Bb.pdf',
  'Notes.docx',
  'AllOfMe_Bb',
  '2026-02-30_Gig.pdf',
  ' AllOfMe_Bb.pdf ',
  `${'VeryLongTitle'.repeat(18)}_Bb.pdf`,
  'AllOfMe_Bb\u200B.pdf',
];

/**
 * Names read per second of this process's CPU time and of wall time, over a loop of `count` reads. CPU time is
 * what "on one core" means on a machine shared with other work, where wall time also counts the waits.
 */
const sustainedRate = (
  names: readonly string[],
  count: number,
): { cpu: number; wall: number; sink: number } => {
  let sink = 0;
  const cpuBefore = process.cpuUsage();
  const wallBefore = performance.now();
  for (let i = 0; i < count; i++) sink += readFileName(names[i % names.length] ?? '').problems.length;
  const cpu = process.cpuUsage(cpuBefore);
  const wallSeconds = (performance.now() - wallBefore) / 1e3;
  return { cpu: count / ((cpu.user + cpu.system) / 1e6), wall: count / wallSeconds, sink };
};

/**
 * Micro-benchmark of the content module's name reader, which runs on every file event and every library listing
 * the module rebuilds (target: 200,000 names/s on one core, i.e. 5 µs a name). One operation reads one name.
 */
export async function runFileNameReadingBench(): Promise<void> {
  const conforming = conformingNames();
  const mixed = [...conforming, ...ODD_NAMES];
  let sink = 0;
  let i = 0;
  let j = 0;
  const bench = new Bench({ name: 'file name reading', time: 1_000 });
  bench
    .add(`read a conforming name (${conforming.length} distinct)`, () => {
      sink += readFileName(conforming[i++ % conforming.length] ?? '').problems.length;
    })
    .add(`read a library mix (${mixed.length} names, ${ODD_NAMES.length} odd ones)`, () => {
      sink += readFileName(mixed[j++ % mixed.length] ?? '').problems.length;
    });
  for (const name of ['Café_Bb.pdf', 'TakeThe_ATrain.pdf', ODD_NAMES[14] ?? '']) {
    bench.add(`read ${name.length > 30 ? `${name.slice(0, 27)}...` : name}`, () => {
      sink += readFileName(name).problems.length;
    });
  }
  await bench.run();

  printBenchTable(bench, `${bench.name} (one operation reads one name)`, 'ns');

  const rows = [
    ['conforming names', conforming],
    ['library mix', mixed],
  ] as const;
  console.log('\nsustained reading, 500,000 names per row (target: 200,000 names/s on one core)');
  console.table(
    rows.map(([label, names]) => {
      const rate = sustainedRate(names, 500_000);
      sink += rate.sink;
      return {
        names: label,
        'names/s of CPU time': Math.round(rate.cpu).toLocaleString('en-US'),
        'names/s of wall time': Math.round(rate.wall).toLocaleString('en-US'),
      };
    }),
  );
  if (sink === -1) console.log('unreachable');
}

await runWhenMain(import.meta.url, runFileNameReadingBench);
