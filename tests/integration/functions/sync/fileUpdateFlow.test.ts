import { readFile, writeFile } from 'node:fs/promises';
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
});
