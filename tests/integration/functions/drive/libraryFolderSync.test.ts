import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rename, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  LOCAL_AWS_CREDENTIALS,
  LOCAL_AWS_REGION,
  LOCAL_NAMES,
} from '../../../../infra/local/shared/localNames.ts';
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

  it('copies every added file’s bytes, and a replaced file’s new bytes, into the file cache before any download', async () => {
    const s3 = new S3Client({
      endpoint: platform.urls.aws,
      region: LOCAL_AWS_REGION,
      credentials: LOCAL_AWS_CREDENTIALS,
      forcePathStyle: true,
    });
    const bucketModel = (platform.model.buckets ?? []).find((b) => b.module === 'drive');
    const bucket = LOCAL_NAMES.bucketName(bucketModel?.id ?? '');
    const keyOf = async (name: string) =>
      `bands/${leader.bandId}/content/sha256-${createHash('sha256')
        .update(await readFile(path.join(bandDir, name)))
        .digest('hex')}`;
    const cached = async (key: string) =>
      s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key })).then(
        (head) => head.ContentLength,
        () => undefined,
      );
    // Song007 now holds the replacement; Song008 was renamed (same bytes, same key).
    const names = [...Array.from({ length: 50 }, (_, i) => `Song${String(i).padStart(3, '0')}_Bb.pdf`)]
      .filter((name) => name !== 'Song008_Bb.pdf')
      .concat('Renamed008_Bb.pdf');
    const keys = await Promise.all(names.map(keyOf));
    await eventually(
      async () => (await Promise.all(keys.map(cached))).every((size) => size !== undefined),
      'the 50 files’ bytes in the file cache',
      60_000,
      250,
    );
    const replaced = await cached(await keyOf('Song007_Bb.pdf'));
    expect(replaced).toBe('%PDF-1.4 the new arrangement\n'.length);
    s3.destroy();
  }, 90_000);

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

  it('refuses other bands’ files (403/404), unknown ids (404) and ids that try to leave the library (400)', async () => {
    const file = named('drive.file_added').find((e) => fileOf(e).name === 'Song021_Bb.pdf');
    const fileId = file ? fileOf(file).fileId : '';
    const stranger = await createBandAsLeader(platform, 'stranger@library.example');
    const download = (session: BandSession, bandId: string, id: string) =>
      driveCall(platform, session, 'GET', `/api/drive/bands/${bandId}/files/${id}/download`);
    // Not a member of the band: refused before anything is looked up.
    expect((await download(stranger, leader.bandId, fileId)).status).toBe(403);
    // Their own band, another band's file id: not in their library.
    await eventually(
      async () =>
        (await driveCall(platform, stranger, 'GET', `/api/drive/bands/${stranger.bandId}/source`)).status ===
        200,
      'the stranger’s library',
    );
    expect((await download(stranger, stranger.bandId, fileId)).status).toBe(404);
    expect((await download(leader, leader.bandId, 'no-such-file')).status).toBe(404);
    for (const id of ['..%2F..%2Fetc%2Fpasswd', '%2E%2E', '..', '.hidden', 'a%5Cb']) {
      // `..` and `.` are resolved by the client before sending (then no route matches: API Gateway's 404).
      const response = await download(leader, leader.bandId, id);
      expect([400, 404]).toContain(response.status);
    }
    const traversal = await download(leader, leader.bandId, '..%2F..%2Fetc%2Fpasswd');
    expect(traversal.status).toBe(400);
    expect(traversal.headers.get('content-type')).toContain('application/problem+json');
    // Members only for the status, leaders only for binding and syncing.
    expect(
      (await driveCall(platform, stranger, 'GET', `/api/drive/bands/${leader.bandId}/source`)).status,
    ).toBe(403);
    expect(
      (await driveCall(platform, stranger, 'POST', `/api/drive/bands/${leader.bandId}/sync`)).status,
    ).toBe(403);
    expect(
      (await driveCall(platform, stranger, 'PUT', `/api/drive/bands/${leader.bandId}/source`, {})).status,
    ).toBe(403);
    // The folder provider takes no Google folder id.
    const wrongBinding = await driveCall(
      platform,
      leader,
      'PUT',
      `/api/drive/bands/${leader.bandId}/source`,
      {
        folderId: '1AbCdEfGhIjKlMnOp',
      },
    );
    expect(wrongBinding.status).toBe(400);
    const manual = await driveCall(platform, leader, 'POST', `/api/drive/bands/${leader.bandId}/sync`);
    expect(manual.status).toBe(200);
    expect(await manual.json()).toMatchObject({ trigger: 'manual', added: 0, changed: 0, removed: 0 });
  }, 60_000);

  it('answers 4xx problem+json, never 5xx, to malformed ids and bodies (fast-check)', async () => {
    const segment = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.constantFrom('..', '.', '%2e%2e', '%00', 'a/b', '😀', ' '),
    );
    await fc.assert(
      fc.asyncProperty(
        segment,
        segment,
        fc.oneof(
          fc.string({ maxLength: 200 }),
          fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v)),
        ),
        async (bandSegment, fileSegment, body) => {
          const band = encodeURIComponent(bandSegment) || '%20';
          const fileSeg = encodeURIComponent(fileSegment) || '%20';
          const responses = await Promise.all([
            driveCall(platform, leader, 'GET', `/api/drive/bands/${band}/files/${fileSeg}/download`),
            driveCall(platform, leader, 'GET', `/api/drive/bands/${band}/source`),
            fetch(`${platform.urls.http}/api/drive/bands/${leader.bandId}/source`, {
              method: 'PUT',
              headers: { authorization: `Bearer ${leader.accessToken}`, 'content-type': 'application/json' },
              body,
            }),
          ]);
          for (const response of responses) {
            await response.arrayBuffer();
            if (response.status >= 500) throw new Error(`${response.url} answered ${response.status}`);
          }
          const put = responses[2];
          if (put && put.status !== 200) expect(put.headers.get('content-type')).toContain('problem+json');
        },
      ),
      { numRuns: 40 },
    );
  }, 120_000);
});
