import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanLibraryFolder } from '../../../../../../functions/drive/providers/folder/scanLibraryFolder.ts';

let dir: string;
const later = () => Date.now() + 60_000;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'soleil-scan-'));
  await mkdir(path.join(dir, 'Charts', 'Set1'), { recursive: true });
  for (let i = 0; i < 20; i++)
    await writeFile(path.join(dir, 'Charts', 'Set1', `Song${i}_Bb.pdf`), `chart ${i}`);
  await writeFile(path.join(dir, 'Misty.mp3'), 'audio');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('scanLibraryFolder', () => {
  it('reads every file once, then none when sizes and times match what is known', async () => {
    const first = await scanLibraryFolder(dir, { now: later });
    expect(first.hashed).toBe(21);
    expect(first.items.filter((i) => i.kind === 'folder').map((i) => i.path)).toEqual([
      'Charts',
      'Charts/Set1',
    ]);

    const known = new Map(first.items.filter((i) => i.kind === 'file').map((i) => [i.path, i]));
    const second = await scanLibraryFolder(dir, { now: later, known });
    expect(second.hashed).toBe(0);
    expect(second.items).toEqual(first.items);

    await writeFile(path.join(dir, 'Misty.mp3'), 'audio, remastered');
    const third = await scanLibraryFolder(dir, { now: later, known });
    expect(third.hashed).toBe(1);
    expect(third.items.find((i) => i.path === 'Misty.mp3')?.checksum).not.toBe(
      known.get('Misty.mp3')?.checksum,
    );
  });
});
