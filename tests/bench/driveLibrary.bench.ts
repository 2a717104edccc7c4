import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { diffLibrary } from '../../functions/drive/domain/diffLibrary.ts';
import type { LibraryEntry } from '../../functions/drive/domain/libraryEntry.ts';
import { FolderLibrarySource } from '../../functions/drive/providers/folder/FolderLibrarySource.ts';
import { FOLDER_QUIET_MS, FOLDER_SETTLE_MS } from '../../shared/folderWatch/folderSettling.ts';
import { SettledFolderWatcher } from '../../shared/folderWatch/SettledFolderWatcher.ts';
import { runWhenMain } from './benchReport.ts';
import { percentile } from './percentile.ts';

const FOLDERS = 50;
const FILES_PER_FOLDER = 100;
const BAND = 'band-bench';

const summary = (label: string, samples: number[]) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    scenario: label,
    runs: samples.length,
    'p50 (ms)': percentile(sorted, 50).toFixed(1),
    'p95 (ms)': percentile(sorted, 95).toFixed(1),
    'max (ms)': (sorted.at(-1) ?? Number.NaN).toFixed(1),
  };
};

const timed = async <T>(run: () => Promise<T>): Promise<[T, number]> => {
  const start = performance.now();
  const result = await run();
  return [result, performance.now() - start];
};

/** Lists the band folder and diffs it against `stored`: what a reconciliation of the embedded library does. */
const reconcile = async (source: FolderLibrarySource, stored: readonly LibraryEntry[]) => {
  const listing = await source.list({ bandId: BAND, sourceFolderId: null }, stored);
  return diffLibrary(BAND, stored, listing.entries);
};

const benchReconciliation = async (root: string) => {
  const bandDir = path.join(root, BAND);
  for (let f = 0; f < FOLDERS; f++) {
    const folder = path.join(bandDir, `Set${String(f).padStart(2, '0')}`);
    await mkdir(folder, { recursive: true });
    for (let i = 0; i < FILES_PER_FOLDER; i++) {
      // 2–6 KB per file: chart-sized metadata work without filling the disk.
      await writeFile(path.join(folder, `Song${f}x${i}_Bb.pdf`), Buffer.alloc(2048 + ((i * 37) % 4096), i));
    }
  }
  const source = new FolderLibrarySource({ rootDir: root, now: () => Date.now() + 60_000 });
  const [first, coldMs] = await timed(() => reconcile(source, []));
  const stored = first.state;
  const warm: number[] = [];
  for (let run = 0; run < 10; run++) {
    const [diff, ms] = await timed(() => reconcile(source, stored));
    if (diff.events.length > 0) throw new Error('An unchanged library produced events');
    warm.push(ms);
  }
  const diffOnly: number[] = [];
  const listing = (await source.list({ bandId: BAND, sourceFolderId: null }, stored)).entries;
  for (let run = 0; run < 20; run++) {
    diffOnly.push((await timed(async () => diffLibrary(BAND, stored, listing)))[1]);
  }
  const files = FOLDERS * FILES_PER_FOLDER;
  console.log(`\nFolder library of ${files.toLocaleString('en-US')} files in ${FOLDERS} folders`);
  console.table([
    summary('first listing + diff (every file hashed)', [coldMs]),
    summary('no-change reconciliation (scan + diff, checksums reused)', warm),
    summary('diff alone (5,000 entries)', diffOnly),
  ]);
};

const benchWatcherLatency = async (root: string) => {
  const bandDir = path.join(root, 'band-watch');
  await mkdir(bandDir, { recursive: true });
  let resolveReport: (() => void) | null = null;
  const watcher = await SettledFolderWatcher.start({
    rootDir: root,
    onFolderChanged: (bandId) => {
      if (bandId === 'band-watch') resolveReport?.();
    },
  });
  const latency = async (change: () => Promise<void>): Promise<number> => {
    const reported = new Promise<void>((resolve) => {
      resolveReport = resolve;
    });
    const start = performance.now();
    await change();
    await reported;
    return performance.now() - start;
  };
  const drops: number[] = [];
  const replaces: number[] = [];
  const renames: number[] = [];
  try {
    for (let i = 0; i < 10; i++) {
      const file = path.join(bandDir, `Drop${i}_Bb.pdf`);
      drops.push(await latency(() => writeFile(file, `chart ${i}`)));
      replaces.push(await latency(() => writeFile(file, `chart ${i}, corrected`)));
      renames.push(await latency(() => rename(file, path.join(bandDir, `Renamed${i}_Bb.pdf`))));
    }
  } finally {
    watcher.close();
  }
  console.log(
    `\nFolder change → settled "band changed" (quiet ${FOLDER_QUIET_MS} ms, settle ${FOLDER_SETTLE_MS} ms; a fresh file waits both)`,
  );
  console.table([
    summary('drop a new file', drops),
    summary('replace a file', replaces),
    summary('rename a file (time unchanged)', renames),
  ]);
};

/**
 * The embedded platform's library side: a no-change reconciliation of a 5,000-file band folder (target
 * under 2 s end to end), and how long after a change the watcher says the band changed.
 */
export async function runDriveLibraryBench(): Promise<void> {
  const root = await mkdtemp(path.join(tmpdir(), 'soleil-drive-bench-'));
  try {
    await benchReconciliation(root);
    await benchWatcherLatency(root);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

await runWhenMain(import.meta.url, runDriveLibraryBench);
