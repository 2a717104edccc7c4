import { rename, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EmbeddedPlatform, startPlatform } from '../../../../infra/local/startPlatform.ts';
import { repositoryRoot } from '../../../../shared/platformModel/loadPlatformModel.ts';
import { bandWithMembers, type SignedIn } from '../../../helpers/bandFixtures.ts';
import { api } from '../../../helpers/contentPlatform.ts';
import { eventually } from '../../../helpers/driveLibraryBed.ts';

// Issue #11's end-to-end acceptance with nothing stood in for: files written into the band's library folder
// are noticed by drive's folder trigger, published as drive events and read by the real content module into
// songs and parts. auth, core, drive and content only (tests/fixtures/drive-push-platform: symlinks to the
// modules), drive on its folder provider.
let platform: EmbeddedPlatform;
let bandId: string;
let leader: SignedIn;
let trumpet: SignedIn;
let bandDir: string;

interface Part {
  readonly name: string;
  readonly downloadRoute: string;
}
interface Song {
  readonly songKey: string;
  readonly charts: Part[];
  readonly audio: Part[];
  readonly partComing: string[];
}

const songs = async (who: SignedIn): Promise<Song[]> => {
  const { status, body } = await api(platform, 'GET', `/api/content/bands/${bandId}/songs`, {
    token: who.accessToken,
  });
  expect(status).toBe(200);
  return body.songs as Song[];
};
const song = async (who: SignedIn, key: string): Promise<Song | undefined> =>
  (await songs(who)).find((s) => s.songKey === key);
const names = (parts: readonly Part[] | undefined) => parts?.map((p) => p.name);
const drop = (name: string, text = `%PDF-1.4 ${name}\n`) => writeFile(path.join(bandDir, name), text);

beforeAll(async () => {
  platform = await startPlatform({
    functionsDir: path.join(repositoryRoot(), 'tests/fixtures/drive-push-platform/functions'),
    ports: { http: 0, ws: 0, aws: 0, dynamodb: 0 },
    dataDir: null,
    schedules: false,
    functionOutput: 'silent',
    log: () => undefined,
  });
  const band = await bandWithMembers(
    platform.urls.http,
    { email: 'leader@songs.example', instruments: ['piano'] },
    // A violin reads Concert parts: the part the band lacks for All of Me.
    [
      { email: 'trumpet@songs.example', instruments: ['trumpet'] },
      { email: 'violin@songs.example', instruments: ['violin'] },
    ],
  );
  bandId = band.bandId;
  leader = band.leader;
  trumpet = band.members[0] as SignedIn;
  bandDir = path.join(platform.folderRoots['drive-libraryFolders'] ?? '', bandId);
  // auth.band_created → drive binds the band's folder as its library.
  await eventually(
    async () =>
      (await api(platform, 'GET', `/api/drive/bands/${bandId}/source`, { token: leader.accessToken }))
        .status === 200,
    'the band’s library folder',
    60_000,
  );
}, 240_000);

afterAll(() => platform?.stop());

describe('files dropped into a band’s library folder become songs with the right parts', () => {
  it('shows a trumpet player the Bb chart and not the Eb one, a leader both and the missing Concert part, a placeholder as part coming', async () => {
    await drop('AllOfMe_Bb.pdf');
    await drop('AllOfMe_Eb.pdf');
    await drop('AllOfMe.mp3', 'ID3 all of me');
    await drop('Summertime_X.pdf');
    await eventually(
      async () =>
        names((await song(leader, 'allofme'))?.charts)?.length === 2 &&
        (await song(leader, 'summertime')) !== undefined &&
        (await song(leader, 'allofme'))?.audio.length === 1,
      'the songs in content’s catalogue',
      60_000,
    );

    const allOfMe = await song(trumpet, 'allofme');
    expect(names(allOfMe?.charts)).toEqual(['AllOfMe_Bb.pdf']);
    expect(names(allOfMe?.audio)).toEqual(['AllOfMe.mp3']);
    expect(allOfMe?.charts[0]?.downloadRoute).toMatch(
      new RegExp(`^/api/drive/bands/${bandId}/files/[^/]+/download$`),
    );
    expect(await song(trumpet, 'summertime')).toMatchObject({ charts: [], partComing: ['Bb'] });

    expect(names((await song(leader, 'allofme'))?.charts)).toEqual(['AllOfMe_Bb.pdf', 'AllOfMe_Eb.pdf']);
    const detail = await api(platform, 'GET', `/api/content/bands/${bandId}/songs/allofme`, {
      token: leader.accessToken,
    });
    expect(detail.status).toBe(200);
    expect(detail.body.missingParts).toContainEqual({ token: 'Concert', announced: false });

    // The chart's download route, as a member gets it, gives the file's bytes.
    const link = await api(platform, 'GET', allOfMe?.charts[0]?.downloadRoute ?? '', {
      token: trumpet.accessToken,
    });
    expect(link.status).toBe(200);
    const bytes = await fetch(link.body.url as string);
    expect(await bytes.text()).toBe('%PDF-1.4 AllOfMe_Bb.pdf\n');
  }, 120_000);

  it('moves a renamed file to its new song, and drops a song whose last file was deleted', async () => {
    await rename(path.join(bandDir, 'AllOfMe_Eb.pdf'), path.join(bandDir, 'BlueMoon_Bb.pdf'));
    await eventually(
      async () => names((await song(trumpet, 'bluemoon'))?.charts)?.[0] === 'BlueMoon_Bb.pdf',
      'the renamed file in its new song',
      60_000,
    );
    expect(names((await song(leader, 'allofme'))?.charts)).toEqual(['AllOfMe_Bb.pdf']);

    await unlink(path.join(bandDir, 'BlueMoon_Bb.pdf'));
    await eventually(
      async () => (await song(leader, 'bluemoon')) === undefined,
      'the song without files gone',
      60_000,
    );
    expect(await song(leader, 'allofme')).toBeDefined();
  }, 120_000);
});
