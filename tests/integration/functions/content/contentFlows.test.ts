import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmbeddedPlatform } from '../../../../infra/local/startPlatform.ts';
import type { Publisher } from '../../../../shared/runtime/index.ts';
import {
  api,
  CONTENT_PLATFORM_FUNCTIONS,
  devLogin,
  drivePublisher,
  eventually,
  libraryFile,
} from '../../../helpers/contentPlatform.ts';
import { startTestPlatform } from '../../../helpers/startTestPlatform.ts';

// Content on the embedded platform with the real auth module: tokens from dev-login, a band from auth's routes,
// drive events published through the local EventBridge endpoint as soleil.drive.
let platform: EmbeddedPlatform;
let drive: Publisher;
let bandId: string;
let leader: string;
let trumpet: { token: string; userId: string };
let violin: { token: string; userId: string };

const songs = async (token: string, query = '') =>
  api(platform, 'GET', `/api/content/bands/${bandId}/songs${query}`, { token });

// biome-ignore lint/suspicious/noExplicitAny: a song answer, whose fields each test asserts
const songNamed = (body: { songs?: { songKey: string }[] }, key: string): any => {
  if (!body.songs) throw new Error(`not a song list: ${JSON.stringify(body)}`);
  return body.songs.find((s) => s.songKey === key);
};

beforeAll(async () => {
  platform = await startTestPlatform({ functionsDir: CONTENT_PLATFORM_FUNCTIONS });
  drive = drivePublisher(platform);
  const first = await devLogin(platform, 'lead@content.example', ['piano']);
  // Setup goes through auth's real functions, whose first (cold) call can outlast its timeout on a loaded
  // machine: band creation is idempotent by requestId, so it is retried once with the same one.
  const requestId = crypto.randomUUID();
  const createBand = () =>
    api(platform, 'POST', '/api/auth/bands', { token: first.token, body: { name: 'Big Band', requestId } });
  let band = await createBand();
  if (band.status >= 500) band = await createBand();
  if (band.status !== 201) throw new Error(`band creation ${band.status}: ${JSON.stringify(band.body)}`);
  bandId = band.body.band.bandId;
  // The token names the bands it was issued for: band creation answers one that names the new band.
  leader = band.body.accessToken;
  for (const email of ['trumpet@content.example', 'violin@content.example']) {
    const invite = () =>
      api(platform, 'POST', `/api/auth/bands/${bandId}/invitations`, {
        token: leader,
        body: { email, role: 'member' },
      });
    let invited = await invite();
    if (invited.status >= 500) invited = await invite(); // an invitation is keyed by email and band: a retry is the same
    expect(invited.status, JSON.stringify(invited.body)).toBeLessThan(300);
  }
  trumpet = await devLogin(platform, 'trumpet@content.example', ['trumpet']);
  violin = await devLogin(platform, 'violin@content.example', ['violin']);
}, 240_000);

afterAll(() => platform?.stop());

describe('content on the embedded platform', () => {
  it('turns drive events into songs each member sees their own parts of', async () => {
    await drive.publishAll([
      { name: 'drive.file_added', data: { bandId, file: libraryFile('f-bb', 'AllOfMe_Bb.pdf') } },
      { name: 'drive.file_added', data: { bandId, file: libraryFile('f-eb', 'AllOfMe_Eb.pdf') } },
      { name: 'drive.file_added', data: { bandId, file: libraryFile('f-mp3', 'AllOfMe.mp3') } },
      { name: 'drive.file_added', data: { bandId, file: libraryFile('f-x', 'Summertime_X.pdf') } },
    ]);
    await eventually(async () => {
      const { body } = await songs(leader);
      return songNamed(body, 'allofme')?.charts.length === 2 && songNamed(body, 'summertime') !== undefined;
    });

    const mine = await songs(trumpet.token);
    expect(mine.status).toBe(200);
    const allOfMe = songNamed(mine.body, 'allofme');
    expect(allOfMe.charts.map((c: { name: string }) => c.name)).toEqual(['AllOfMe_Bb.pdf']);
    expect(allOfMe.audio.map((c: { name: string }) => c.name)).toEqual(['AllOfMe.mp3']);
    expect(allOfMe.charts[0].downloadRoute).toBe(`/api/drive/bands/${bandId}/files/f-bb/download`);
    expect(songNamed(mine.body, 'summertime')).toMatchObject({ charts: [], partComing: ['Bb'] });

    const all = await songs(leader);
    expect(songNamed(all.body, 'allofme').charts.map((c: { name: string }) => c.name)).toEqual([
      'AllOfMe_Bb.pdf',
      'AllOfMe_Eb.pdf',
    ]);
    const detail = await api(platform, 'GET', `/api/content/bands/${bandId}/songs/allofme`, {
      token: leader,
    });
    expect(detail.status).toBe(200);
    expect(detail.body.missingParts).toContainEqual({ token: 'Concert', announced: false });
    const forTrumpet = await api(platform, 'GET', `/api/content/bands/${bandId}/songs/allofme`, {
      token: trumpet.token,
    });
    expect(forTrumpet.body.files.map((f: { name: string }) => f.name)).toEqual([
      'AllOfMe_Bb.pdf',
      'AllOfMe.mp3',
    ]);
    expect(forTrumpet.body.missingParts).toBeNull();
  });

  it('moves a renamed file to its new song and drops a song whose last file left', async () => {
    await drive.publish('drive.file_changed', {
      bandId,
      file: libraryFile('f-eb', 'BlueMoon_Bb.pdf', 2),
      previousName: 'AllOfMe_Eb.pdf',
      changes: ['name'],
    });
    await eventually(async () => songNamed((await songs(trumpet.token)).body, 'bluemoon') !== undefined);
    const leaderView = (await songs(leader)).body;
    expect(songNamed(leaderView, 'allofme').charts.map((c: { name: string }) => c.name)).toEqual([
      'AllOfMe_Bb.pdf',
    ]);
    await drive.publish('drive.file_removed', { bandId, fileId: 'f-eb', name: 'BlueMoon_Bb.pdf' });
    await eventually(async () => songNamed((await songs(leader)).body, 'bluemoon') === undefined);
  });

  it('lets a leader plan a gig that members open with their parts in set order', async () => {
    await drive.publishAll([
      { name: 'drive.file_added', data: { bandId, file: libraryFile('g-misty-bb', 'Misty_Bb.pdf') } },
      { name: 'drive.file_added', data: { bandId, file: libraryFile('g-misty-c', 'Misty_Concert.pdf') } },
      {
        name: 'drive.file_added',
        data: { bandId, file: libraryFile('g-doc', '2026-12-31_NewYearsEve.pdf') },
      },
    ]);
    await eventually(async () => songNamed((await songs(leader)).body, 'misty')?.charts.length === 2);
    const created = await api(platform, 'POST', `/api/content/bands/${bandId}/gigs`, {
      token: leader,
      body: { date: '2026-12-31', name: 'New Year’s Eve', venue: 'Blue Note', downbeat: '21:00' },
    });
    expect(created.status).toBe(201);
    const gigId = created.body.gigId;
    const setlist = await api(platform, 'PUT', `/api/content/bands/${bandId}/gigs/${gigId}/setlist`, {
      token: leader,
      body: {
        sets: [
          { name: 'Set 1', songs: [{ songKey: 'misty', key: 'Eb' }] },
          { name: 'Set 2', songs: [{ songKey: 'allofme', durationSeconds: 240 }] },
        ],
      },
    });
    expect(setlist.status).toBe(200);
    const personnel = await api(platform, 'PUT', `/api/content/bands/${bandId}/gigs/${gigId}/personnel`, {
      token: leader,
      body: { chairs: [{ userId: trumpet.userId, instrument: 'trumpet' }] },
    });
    expect(personnel.status).toBe(200);

    const pending = await api(platform, 'GET', `/api/content/bands/${bandId}/gigs?selection=pending`, {
      token: trumpet.token,
    });
    expect(pending.body.gigs.map((g: { gigId: string }) => g.gigId)).toEqual([gigId]);
    const answer = await api(platform, 'POST', `/api/content/bands/${bandId}/gigs/${gigId}/response`, {
      token: trumpet.token,
      body: { accept: true },
    });
    expect(answer.status).toBe(200);
    const refused = await api(platform, 'POST', `/api/content/bands/${bandId}/gigs/${gigId}/response`, {
      token: violin.token,
      body: { accept: true },
    });
    expect(refused.status).toBe(403);

    const view = await api(platform, 'GET', `/api/content/bands/${bandId}/gigs/${gigId}`, {
      token: trumpet.token,
    });
    expect(view.status).toBe(200);
    const order = view.body.sets.flatMap(
      // biome-ignore lint/suspicious/noExplicitAny: the gig view's song, asserted below
      (set: { songs: { songKey: string; position: number; song: any }[] }) =>
        set.songs.map((s) => [s.position, s.songKey, s.song?.charts.map((c: { name: string }) => c.name)]),
    );
    expect(order).toEqual([
      [1, 'misty', ['Misty_Bb.pdf']],
      [2, 'allofme', ['AllOfMe_Bb.pdf']],
    ]);
    expect(view.body.documents.map((d: { name: string }) => d.name)).toEqual(['2026-12-31_NewYearsEve.pdf']);
    expect(view.body.chairs).toEqual([
      expect.objectContaining({ userId: trumpet.userId, instrument: 'trumpet', status: 'accepted' }),
    ]);
  });

  it('keeps other bands and non-leaders out', async () => {
    const other = await devLogin(platform, 'stranger@content.example', ['trumpet']);
    const strange = await songs(other.token);
    expect(strange.status).toBe(403);
    const notLeader = await api(platform, 'GET', `/api/content/bands/${bandId}/nonconforming`, {
      token: trumpet.token,
    });
    expect(notLeader.status).toBe(403);
    const all = await songs(trumpet.token, '?view=all');
    expect(all.status).toBe(403);
    const nonconforming = await api(platform, 'GET', `/api/content/bands/${bandId}/nonconforming`, {
      token: leader,
    });
    expect(nonconforming.status).toBe(200);
  });
});
