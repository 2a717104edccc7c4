import { mkdtemp, readFile, rename, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EmbeddedPlatform, startPlatform } from '../../../../infra/local/startPlatform.ts';
import {
  type BandSession,
  createBandAsLeader,
  type DriveEvent,
  driveCall,
  driveEventsOf,
  dropPdfs,
  eventually,
} from '../../../helpers/driveLibraryBed.ts';

// The repository's modules on the embedded platform, with a data folder so that a restart keeps the tables,
// the archive and the band libraries: what `npm start` does.
let dataDir: string;
let platform: EmbeddedPlatform;
let leader: BandSession;
let bandDir: string;
/** Every drive event about the band, across restarts (each run's archive read before it stops). */
const seen = new Map<string, DriveEvent>();

const start = () =>
  startPlatform({
    ports: { http: 0, ws: 0, aws: 0, dynamodb: 0 },
    dataDir,
    schedules: false,
    functionOutput: 'silent',
    log: () => undefined,
  });

const collect = (): DriveEvent[] => {
  for (const event of driveEventsOf(platform, leader.bandId)) seen.set(event.eventId, event);
  return [...seen.values()];
};
const named = (name: string) => collect().filter((e) => e.name === name);
const fileOf = (e: DriveEvent) => e.data.file as { fileId: string; name: string; version: number };

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'soleil-drive-e2e-'));
  platform = await start();
  leader = await createBandAsLeader(platform, 'leader@library.example');
  bandDir = path.join(platform.folderRoots['drive-libraryFolders'] ?? '', leader.bandId);
  // auth.band_created → drive records the source and creates the band's folder.
  await eventually(
    async () =>
      (await driveCall(platform, leader, 'GET', `/api/drive/bands/${leader.bandId}/source`)).status === 200,
    'the band’s library',
  );
}, 120_000);

afterAll(async () => {
  await platform?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

describe('a band library folder on the embedded platform', () => {
  it('binds the band’s own folder at creation and shows its status', async () => {
    const response = await driveCall(platform, leader, 'GET', `/api/drive/bands/${leader.bandId}/source`);
    const status = (await response.json()) as Record<string, unknown>;
    expect(status).toMatchObject({
      provider: 'folder',
      bound: true,
      serviceAccountEmail: null,
      lastError: null,
    });
  });

  it('publishes one drive.file_added per PDF dropped into the folder (50)', async () => {
    await dropPdfs(bandDir, 50);
    const added = await eventually(async () => {
      const events = named('drive.file_added');
      return events.length >= 50 && named('drive.sync_completed').length > 0 ? events : undefined;
    }, '50 drive.file_added');
    expect(new Set(added.map((e) => fileOf(e).fileId)).size).toBe(50);
    const completed = named('drive.sync_completed').map((e) => e.data);
    expect(completed.reduce((sum, c) => sum + (c.added as number), 0)).toBe(50);
    const status = (await (
      await driveCall(platform, leader, 'GET', `/api/drive/bands/${leader.bandId}/source`)
    ).json()) as { fileCount: number };
    expect(status.fileCount).toBe(50);
  }, 60_000);

  it('reports a replaced file as one content change and a rename as one change with previousName', async () => {
    await writeFile(path.join(bandDir, 'Song007_Bb.pdf'), '%PDF-1.4 the new arrangement\n');
    const replaced = await eventually(async () => named('drive.file_changed')[0], 'the replacement');
    expect(replaced.data).toMatchObject({ changes: ['content'], previousName: null });
    expect(fileOf(replaced)).toMatchObject({ name: 'Song007_Bb.pdf', version: 2 });

    await rename(path.join(bandDir, 'Song008_Bb.pdf'), path.join(bandDir, 'Renamed008_Bb.pdf'));
    const renamed = await eventually(
      async () => named('drive.file_changed').find((e) => e.data.previousName !== null),
      'the rename',
    );
    expect(renamed.data).toMatchObject({ previousName: 'Song008_Bb.pdf', changes: ['name'] });
    expect(fileOf(renamed).name).toBe('Renamed008_Bb.pdf');
    expect(named('drive.file_changed')).toHaveLength(2);
    expect(named('drive.file_added')).toHaveLength(50);
    expect(named('drive.file_removed')).toHaveLength(0);
  }, 60_000);

  it('notices what changed while it was stopped, and neither repeats nor misses an event after a restart', async () => {
    await platform.folderTriggers.idle();
    collect();
    await platform.stop();
    await unlink(path.join(bandDir, 'Song010_Bb.pdf'));
    await writeFile(path.join(bandDir, 'Late_Bb.pdf'), '%PDF-1.4 written while stopped\n');
    platform = await start();
    await eventually(
      async () => named('drive.file_removed').length === 1 && named('drive.file_added').length === 51,
      'the changes made while stopped',
      60_000,
    );
    await unlink(path.join(bandDir, 'Song011_Bb.pdf'));
    await eventually(async () => named('drive.file_removed').length === 2, 'the deletion');
    await platform.folderTriggers.idle();
    expect(
      named('drive.file_removed')
        .map((e) => e.data.name)
        .sort(),
    ).toEqual(['Song010_Bb.pdf', 'Song011_Bb.pdf']);
    // No event twice: one addition per file ever added, the two changes only.
    const added = named('drive.file_added').map((e) => fileOf(e).name);
    expect(new Set(added).size).toBe(added.length);
    expect(added).toHaveLength(51);
    expect(named('drive.file_changed')).toHaveLength(2);
  }, 180_000);

  it('hands a member a download link whose bytes are the file’s', async () => {
    const file = named('drive.file_added').find((e) => fileOf(e).name === 'Song020_Bb.pdf');
    const fileId = file ? fileOf(file).fileId : '';
    const response = await driveCall(
      platform,
      leader,
      'GET',
      `/api/drive/bands/${leader.bandId}/files/${fileId}/download`,
    );
    expect(response.status).toBe(200);
    const { url } = (await response.json()) as { url: string };
    const bytes = Buffer.from(await (await fetch(url)).arrayBuffer());
    expect(bytes.equals(await readFile(path.join(bandDir, 'Song020_Bb.pdf')))).toBe(true);
  }, 60_000);
});
