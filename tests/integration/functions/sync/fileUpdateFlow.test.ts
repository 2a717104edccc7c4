import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EmbeddedPlatform, startPlatform } from '../../../../infra/local/startPlatform.ts';
import { bandWithMembers, devLogin, type SignedIn } from '../../../helpers/bandFixtures.ts';
import { eventually } from '../../../helpers/driveLibraryBed.ts';
import { LiveClient, type LiveFrame } from '../../../helpers/liveClient.ts';

// The whole flow with nothing stood in for: a file written into the leader's library folder is noticed by
// drive's folder trigger, synced into `drive.file_added`, read by content into `content.updated` (the
// instruments of its token), relayed by sync to the members it concerns, and downloaded through drive's route.
// How long a test waits for a file to arrive: the first one starts drive's, content's and sync's containers
// (worker threads compiling their module), which on this shared 2-core machine has taken over 10 s.
const FIRST_ARRIVAL_MS = 60_000;
let platform: EmbeddedPlatform;
let band: { bandId: string; leader: SignedIn; members: SignedIn[] };
let bandDir: string;
let outsider: SignedIn;
const clients: LiveClient[] = [];

const subscribed = async (who: SignedIn): Promise<LiveClient> => {
  // The first handshakes start auth's authorizer and sync's $connect; a cold start may outlast their timeout.
  for (let attempt = 1; ; attempt++) {
    try {
      const client = await LiveClient.connect(platform.urls.ws, who.accessToken);
      clients.push(client);
      const answer = await client.request({ action: 'subscribe', bandId: band.bandId }, 'subscribed', 30_000);
      if (answer.type === 'subscribed') return client;
    } catch (error) {
      if (attempt >= 5) throw error;
    }
  }
};
const fileNamed =
  (name: string) =>
  (f: LiveFrame): boolean =>
    f.type === 'file_updated' && f.fileName === name;
const download = (route: string, who: SignedIn): Promise<Response> =>
  fetch(`${platform.urls.http}${route}`, { headers: { authorization: `Bearer ${who.accessToken}` } });
interface DashboardAnswer {
  readonly bandId: string;
  readonly stale: boolean;
  readonly widgets: { widget: string; items: { name: string; kind: string; token: string | null }[] }[];
}
/** `GET /api/dashboard?bandId=` as a member: the names in their Recently added, newest first. */
const recentlyAdded = async (
  who: SignedIn,
): Promise<{ name: string; kind: string; token: string | null }[]> => {
  const response = await fetch(`${platform.urls.http}/api/dashboard?bandId=${band.bandId}`, {
    headers: { authorization: `Bearer ${who.accessToken}` },
  });
  expect(response.status).toBe(200);
  const answer = (await response.json()) as DashboardAnswer;
  expect(answer).toMatchObject({ bandId: band.bandId, stale: false });
  return answer.widgets.find((w) => w.widget === 'recently_added')?.items ?? [];
};
const names = (items: readonly { name: string }[]): string[] => items.map((i) => i.name);
const dashboardUpdate = (f: LiveFrame): boolean =>
  f.type === 'dashboard_updated' && f.widget === 'recently_added' && f.reason === 'content_changed';
/** The route's answer for a member: a short-lived link whose bytes are the file's. */
const downloadedBytes = async (route: string, who: SignedIn): Promise<Buffer> => {
  const response = await download(route, who);
  expect(response.status).toBe(200);
  const { url } = (await response.json()) as { url: string };
  const bytes = await fetch(url);
  expect(bytes.status).toBe(200);
  return Buffer.from(await bytes.arrayBuffer());
};

beforeAll(async () => {
  platform = await startPlatform({
    ports: { http: 0, ws: 0, aws: 0, dynamodb: 0 },
    dataDir: null,
    schedules: false,
    functionOutput: 'silent',
    // EventBridge's own retry timing: a delivery that meets a cold container timing out on this loaded
    // machine is tried again seconds later, not at once (with retries a thousand times faster, a run here
    // never got drive's library for the band).
    log: () => undefined,
  });
  band = await bandWithMembers(platform.urls.http, { email: 'leader@flow.example', instruments: ['piano'] }, [
    { email: 'trumpet@flow.example', instruments: ['trumpet'] },
    { email: 'alto@flow.example', instruments: ['alto_sax'] },
  ]);
  outsider = await devLogin(platform.urls.http, 'outsider@flow.example', ['trumpet']);
  bandDir = path.join(platform.folderRoots['drive-libraryFolders'] ?? '', band.bandId);
  // auth.band_created → drive binds the band's folder ($SOLEIL_LIBRARY_DIR/<bandId>/) as its library.
  await eventually(
    async () => (await download(`/api/drive/bands/${band.bandId}/source`, band.leader)).status === 200,
    'the band’s library folder',
    60_000,
  );
}, 240_000);

afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await platform?.stop();
});

describe('a file dropped into the band’s library folder reaches the members it concerns, live', () => {
  it('sends a Bb chart to the trumpet player and the leader with a working download route, audio to everyone', async () => {
    const [trumpetPlayer, altoPlayer] = band.members as [SignedIn, SignedIn];
    const leader = await subscribed(band.leader);
    const trumpet = await subscribed(trumpetPlayer);
    const alto = await subscribed(altoPlayer);

    const chart = '%PDF-1.4 Misty, B♭ part\n';
    await writeFile(path.join(bandDir, 'Misty_Bb.pdf'), chart);
    const got = await trumpet.next(fileNamed('Misty_Bb.pdf'), FIRST_ARRIVAL_MS);
    expect(got).toMatchObject({
      bandId: band.bandId,
      action: 'added',
      kind: 'chart',
      token: 'Bb',
      downloadRoute: `/api/drive/bands/${band.bandId}/files/${got.fileId}/download`,
    });
    const forLeader = await leader.next(fileNamed('Misty_Bb.pdf'), FIRST_ARRIVAL_MS);
    expect(forLeader.downloadRoute).toBe(got.downloadRoute);

    const route = got.downloadRoute as string;
    expect((await downloadedBytes(route, trumpetPlayer)).toString()).toBe(chart);
    expect((await downloadedBytes(route, band.leader)).equals(Buffer.from(chart))).toBe(true);
    // Refused at the edge (the token names no membership of the band), as API Gateway's authorizer does.
    const refused = await download(route, outsider);
    expect(refused.status).toBe(403);
    expect(await refused.text()).not.toContain('url');

    const audio = Buffer.from([0x49, 0x44, 0x33, 0x04, 0x00, 0x00, 0x00, 0x00, 0x00, 0x21, 0xff, 0xfb]);
    await writeFile(path.join(bandDir, 'Misty_Ref.mp3'), audio);
    const reached = await Promise.all(
      [leader, trumpet, alto].map((c) => c.next(fileNamed('Misty_Ref.mp3'), FIRST_ARRIVAL_MS)),
    );
    expect(reached.map((f) => f.kind)).toEqual(['audio', 'audio', 'audio']);
    expect((await downloadedBytes(reached[2]?.downloadRoute as string, altoPlayer)).equals(audio)).toBe(true);
    // The Ref reached alto after the chart was broadcast: had alto been sent the chart, it would be here.
    expect(alto.frames.filter(fileNamed('Misty_Bb.pdf'))).toEqual([]);
    expect(trumpet.frames.filter(fileNamed('Misty_Bb.pdf'))).toHaveLength(1);
    expect(await readFile(path.join(bandDir, 'Misty_Bb.pdf'), 'utf8')).toBe(chart);
  }, 180_000);

  it('answers each member’s Recently added for their instruments, and a chart dropped while they are connected changes it and is announced on their socket', async () => {
    const [trumpetPlayer, altoPlayer] = band.members as [SignedIn, SignedIn];
    // The previous case dropped Misty_Bb.pdf, then Misty_Ref.mp3: content.updated refreshes the dashboards
    // prepared at sign-in. A Recently added holding the recording was read after the chart was catalogued.
    const trumpetBefore = await eventually(
      async () => {
        const items = await recentlyAdded(trumpetPlayer);
        return names(items).includes('Misty_Ref.mp3') ? items : null;
      },
      'the recording in the trumpet player’s Recently added',
      FIRST_ARRIVAL_MS,
      250,
    );
    expect(trumpetBefore).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'Misty_Bb.pdf', kind: 'chart', token: 'Bb' }),
        expect.objectContaining({ name: 'Misty_Ref.mp3', kind: 'audio' }),
      ]),
    );
    const altoBefore = await eventually(
      async () => {
        const items = await recentlyAdded(altoPlayer);
        return names(items).includes('Misty_Ref.mp3') ? items : null;
      },
      'the recording in the alto player’s Recently added',
      FIRST_ARRIVAL_MS,
      250,
    );
    expect(names(altoBefore)).not.toContain('Misty_Bb.pdf');
    expect(names(await recentlyAdded(band.leader))).toEqual(
      expect.arrayContaining(['Misty_Bb.pdf', 'Misty_Ref.mp3']),
    );

    const trumpet = await subscribed(trumpetPlayer);
    const alto = await subscribed(altoPlayer);
    await writeFile(path.join(bandDir, 'Autumn_Leaves_Bb.pdf'), '%PDF-1.4 Autumn Leaves, B♭ part\n');
    await trumpet.next(fileNamed('Autumn_Leaves_Bb.pdf'), FIRST_ARRIVAL_MS);
    // A refresh announced for the previous case may still be on its way to a new socket: take announcements
    // in order until one is followed by a Recently added holding the new chart.
    let trumpetAfter = trumpetBefore;
    for (let announced = 0; announced < 3 && names(trumpetAfter)[0] !== 'Autumn_Leaves_Bb.pdf'; announced++) {
      await trumpet.next(dashboardUpdate, FIRST_ARRIVAL_MS);
      trumpetAfter = await recentlyAdded(trumpetPlayer);
    }
    expect(trumpetAfter[0]).toMatchObject({ name: 'Autumn_Leaves_Bb.pdf', kind: 'chart', token: 'Bb' });
    expect(names(trumpetAfter)).toEqual(expect.arrayContaining(names(trumpetBefore)));
    // Every member with a dashboard is refreshed and told; the alto player's list does not gain a Bb chart.
    await alto.next(dashboardUpdate, FIRST_ARRIVAL_MS);
    expect(alto.frames.filter(fileNamed('Autumn_Leaves_Bb.pdf'))).toEqual([]);
    expect(names(await recentlyAdded(altoPlayer))).not.toContain('Autumn_Leaves_Bb.pdf');

    // Removed from the library: content.deleted refreshes the dashboards too, so the chart leaves Recently added.
    await rm(path.join(bandDir, 'Autumn_Leaves_Bb.pdf'));
    const deleted = await trumpet.next(
      (f) => fileNamed('Autumn_Leaves_Bb.pdf')(f) && f.action === 'deleted',
      FIRST_ARRIVAL_MS,
    );
    expect(deleted.fileId).toBeDefined();
    let trumpetLast = trumpetAfter;
    for (
      let announced = 0;
      announced < 3 && names(trumpetLast).includes('Autumn_Leaves_Bb.pdf');
      announced++
    ) {
      await trumpet.next(dashboardUpdate, FIRST_ARRIVAL_MS);
      trumpetLast = await recentlyAdded(trumpetPlayer);
    }
    expect(names(trumpetLast)).toEqual(names(trumpetBefore));
  }, 180_000);
});
