import '../../../../helpers/quietPowertools.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rememberLogin } from '../../../../../functions/content/useCases/keepMembers.ts';
import { recentlyAdded } from '../../../../../functions/content/useCases/memberQueries.ts';
import type { Instrument } from '../../../../../shared/contracts/bandVocabulary.ts';
import { ForbiddenError } from '../../../../../shared/runtime/index.ts';
import { seedCatalogue } from '../../../../helpers/contentLibrary.ts';
import { libraryFile } from '../../../../helpers/contentPlatform.ts';
import { type ContentTestBed, startContentTestBed } from '../../../../helpers/contentTestBed.ts';

// Recently added is what dashboard's widget shows: the newest library files a member sees, by their instruments.
let bed: ContentTestBed;
const BAND = 'band-recent';

// The version sets each file's modifiedAt (second n of 2026): the order files were added, oldest first.
const LIBRARY = [
  libraryFile('f-misty-bb', 'Misty_Bb.pdf', 1),
  libraryFile('f-misty-eb', 'Misty_Eb.pdf', 2),
  libraryFile('f-misty-ref', 'Misty_Ref.mp3', 3),
  libraryFile('f-misty-plain', 'Misty.pdf', 4),
  libraryFile('f-autumn-bb-x', 'AutumnLeaves_Bb_X.pdf', 5),
  libraryFile('f-gig', '2026-02-14_Valentines_Setlist.pdf', 6),
];

const login = (userId: string, instruments: Instrument[], role: 'leader' | 'member') =>
  rememberLogin(
    bed.deps,
    {
      userId,
      email: `${userId}@example.com`,
      name: userId,
      method: 'dev',
      sessionId: `s-${userId}`,
      firstLogin: false,
      memberships: [{ bandId: BAND, role }],
      instruments,
    },
    '2026-06-01T00:00:00.000Z',
  );

const namesFor = async (userId: string, limit = 10): Promise<string[]> =>
  (await recentlyAdded(bed.deps, { bandId: BAND, userId, limit })).map((f) => f.name);

beforeAll(async () => {
  bed = await startContentTestBed();
  await seedCatalogue(bed.deps.catalogue, BAND, LIBRARY);
  await login('trumpet', ['trumpet'], 'member');
  await login('alto', ['alto_sax'], 'member');
  await login('leader', ['piano'], 'leader');
}, 240_000);

afterAll(() => bed?.stop());

describe('recentlyAdded', () => {
  it('answers the files a member sees, newest first: their charts, audio and gig documents, no placeholder', async () => {
    expect(await namesFor('trumpet')).toEqual([
      '2026-02-14_Valentines_Setlist.pdf',
      'Misty_Ref.mp3',
      'Misty_Bb.pdf',
    ]);
    expect(await namesFor('alto')).toEqual([
      '2026-02-14_Valentines_Setlist.pdf',
      'Misty_Ref.mp3',
      'Misty_Eb.pdf',
    ]);
    const [chart] = (await recentlyAdded(bed.deps, { bandId: BAND, userId: 'trumpet', limit: 10 })).slice(-1);
    expect(chart).toEqual({
      fileId: 'f-misty-bb',
      name: 'Misty_Bb.pdf',
      kind: 'chart',
      songKey: 'misty',
      displayTitle: 'Misty',
      token: 'Bb',
      addedAt: LIBRARY[0]?.modifiedAt,
    });
  });

  it('answers a leader every file but placeholders, and cuts the list at the limit', async () => {
    expect(await namesFor('leader')).toEqual([
      '2026-02-14_Valentines_Setlist.pdf',
      'Misty.pdf',
      'Misty_Ref.mp3',
      'Misty_Eb.pdf',
      'Misty_Bb.pdf',
    ]);
    expect(await namesFor('trumpet', 2)).toEqual(['2026-02-14_Valentines_Setlist.pdf', 'Misty_Ref.mp3']);
  });

  it('refuses a user who is not a member of the band', async () => {
    bed.directory.set(`${BAND}/stranger`, { role: null, instruments: ['trumpet'] });
    await expect(namesFor('stranger')).rejects.toBeInstanceOf(ForbiddenError);
  });
});
