import { mkdir, mkdtemp, open, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SettledFolderWatcher } from '../../../../shared/folderWatch/SettledFolderWatcher.ts';

let root: string;
let watcher: SettledFolderWatcher;
/** Every report, with when it came. */
let reports: { bandId: string; at: number }[];
let errors: Error[];

const at = (...segments: string[]) => path.join(root, ...segments);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves once `bandId` has been reported `count` times in all; fails after a generous 10 s. */
const reported = async (bandId: string, count = 1): Promise<void> => {
  for (let waited = 0; waited < 10_000; waited += 20) {
    if (reports.filter((r) => r.bandId === bandId).length >= count) return;
    await sleep(20);
  }
  throw new Error(`${bandId} was reported ${reports.filter((r) => r.bandId === bandId).length} time(s)`);
};

/** Waits until the watcher has been quiet about every band for a while, then forgets what it reported. */
const drain = async (): Promise<void> => {
  let seen = -1;
  while (seen !== reports.length) {
    seen = reports.length;
    await sleep(700);
  }
  reports.length = 0;
};

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'soleil-watch-'));
  await mkdir(at('band-1'));
  await mkdir(at('band-2'));
  reports = [];
  errors = [];
  watcher = await SettledFolderWatcher.start({
    rootDir: root,
    onFolderChanged: (bandId) => reports.push({ bandId, at: Date.now() }),
    onError: (error) => errors.push(error),
    mode: 'per-directory',
  });
});
afterEach(async () => {
  watcher.close();
  await rm(root, { recursive: true, force: true });
  expect(errors).toEqual([]);
});

describe('SettledFolderWatcher on a real folder', () => {
  it('reports a dropped file once, for its band only', async () => {
    await writeFile(at('band-1', 'AllOfMe_Bb.pdf'), 'chart');
    await reported('band-1');
    await drain();
    expect(reports.filter((r) => r.bandId === 'band-2')).toEqual([]);
  });

  it('reports a replacement, a rename and a deletion', async () => {
    await writeFile(at('band-1', 'AllOfMe_Bb.pdf'), 'v1');
    await reported('band-1');
    await drain();
    await writeFile(at('band-1', 'AllOfMe_Bb.pdf'), 'v2');
    await reported('band-1', 1);
    await drain();
    await rename(at('band-1', 'AllOfMe_Bb.pdf'), at('band-1', 'All_Of_Me_Bb.pdf'));
    await reported('band-1', 1);
    await drain();
    await rm(at('band-1', 'All_Of_Me_Bb.pdf'));
    await reported('band-1', 1);
  });

  it('sees files in new subfolders, and in a subfolder after it was renamed', async () => {
    // The sequence where Node 20's recursive fs.watch on Linux misses the last write (see treeWatch.ts).
    await mkdir(at('band-3', 'Charts', 'Set1', 'Deep'), { recursive: true });
    await sleep(400);
    await writeFile(at('band-3', 'Charts', 'Set1', 'Deep', 'AllOfMe_Bb.pdf'), 'chart');
    await sleep(400);
    await rename(at('band-3', 'Charts', 'Set1'), at('band-3', 'Charts', 'Set2'));
    await reported('band-3');
    await drain();
    await writeFile(at('band-3', 'Charts', 'Set2', 'Deep', 'BlueMoon_Concert.pdf'), 'chart');
    await reported('band-3');
    await drain();
    await rm(at('band-3', 'Charts'), { recursive: true });
    await reported('band-3');
  });

  it('does not report temporary files, but reports their final rename', async () => {
    await writeFile(at('band-1', 'Misty.mp3.part'), 'partial download');
    await writeFile(at('band-1', '~$Setlist.docx'), 'owner file');
    await writeFile(at('band-1', '.DS_Store'), 'noise');
    await writeFile(at('band-2', 'Other_Bb.pdf'), 'chart');
    await reported('band-2');
    await drain();
    expect(reports).toEqual([]);
    await rename(at('band-1', 'Misty.mp3.part'), at('band-1', 'Misty.mp3'));
    await reported('band-1');
  });

  it('waits for a file being written to settle before reporting it', async () => {
    // Explicit times, longer than the defaults, so the pauses below are certain to fall inside them even on
    // a loaded machine whose timers run late.
    watcher.close();
    watcher = await SettledFolderWatcher.start({
      rootDir: root,
      onFolderChanged: (bandId) => reports.push({ bandId, at: Date.now() }),
      onError: (error) => errors.push(error),
      mode: 'per-directory',
      quietMs: 150,
      settleMs: 600,
    });
    const file = await open(at('band-1', 'Long_Backing.wav'), 'w');
    let lastWrite = 0;
    for (let i = 0; i < 5; i++) {
      await file.write(Buffer.alloc(64 * 1024, i));
      await file.sync();
      lastWrite = Date.now();
      await sleep(200); // longer than the quiet period: only the settle check holds the report back
    }
    await file.close();
    await reported('band-1');
    expect(reports.filter((r) => r.bandId === 'band-1')).toHaveLength(1);
    expect(reports[0]?.at).toBeGreaterThanOrEqual(lastWrite);
    // Reported once the whole file is there.
    expect((await stat(at('band-1', 'Long_Backing.wav'))).size).toBe(5 * 64 * 1024);
  });

  it('reports only the top folders it accepts', async () => {
    watcher.close();
    watcher = await SettledFolderWatcher.start({
      rootDir: root,
      onFolderChanged: (bandId) => reports.push({ bandId, at: Date.now() }),
      acceptsFolder: (name) => name !== 'band-2',
      mode: 'per-directory',
    });
    await writeFile(at('band-2', 'Ignored_Bb.pdf'), 'chart');
    await writeFile(at('band-1', 'Seen_Bb.pdf'), 'chart');
    await reported('band-1');
    await sleep(700);
    expect(reports.map((r) => r.bandId)).toEqual(['band-1']);
  });

  it('notices a band folder created after the start', async () => {
    await mkdir(at('band-3', 'Charts'), { recursive: true });
    await writeFile(at('band-3', 'Charts', 'AllOfMe_Bb.pdf'), 'chart');
    await reported('band-3');
  });
});
