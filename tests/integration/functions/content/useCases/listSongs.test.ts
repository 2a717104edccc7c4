import '../../../../helpers/quietPowertools.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rememberLogin } from '../../../../../functions/content/useCases/keepMembers.ts';
import { listSongs } from '../../../../../functions/content/useCases/listSongs.ts';
import type { Instrument } from '../../../../../shared/contracts/bandVocabulary.ts';
import { fullBandLibrary, seedCatalogue } from '../../../../helpers/contentLibrary.ts';
import { type ContentTestBed, startContentTestBed } from '../../../../helpers/contentTestBed.ts';

// The promise: a member's repertoire costs a bounded number of DynamoDB calls, one per token the member
// reads plus one for audio (and the member check and the title overrides), whatever the library's size. The
// stores' client counts every command it sends.
let bed: ContentTestBed;
const SMALL = 'band-small';
const LARGE = 'band-large';

const login = (userId: string, instruments: Instrument[], role: 'leader' | 'member', bandId: string) =>
  rememberLogin(
    bed.deps,
    {
      userId,
      email: `${userId}@example.com`,
      name: userId,
      method: 'dev',
      sessionId: `s-${userId}`,
      firstLogin: false,
      memberships: [{ bandId, role }],
      instruments,
    },
    '2026-06-01T00:00:00.000Z',
  );

/** The calls one page costs, sorted, and the page. */
const pageCost = async (bandId: string, userId: string, cursor: string | null, extra = {}) => {
  bed.calls.length = 0;
  const page = await listSongs(bed.deps, { bandId, userId, cursor, limit: 20, ...extra });
  return { calls: [...bed.calls].sort(), page };
};

beforeAll(async () => {
  bed = await startContentTestBed();
  await seedCatalogue(bed.deps.catalogue, SMALL, fullBandLibrary(10));
  await seedCatalogue(bed.deps.catalogue, LARGE, fullBandLibrary(5_000));
  for (const bandId of [SMALL, LARGE]) {
    await login(`horns-${bandId}`, ['trumpet', 'alto_sax'], 'member', bandId);
    await login(`lead-${bandId}`, ['piano'], 'leader', bandId);
  }
}, 240_000);

afterAll(() => bed?.stop());

describe('listing a member’s songs costs the same DynamoDB calls at 10 and at 5,000 files', () => {
  // trumpet reads Bb, alto sax Eb: the member row, one query per token partition and one for what every member
  // sees (audio, placeholders), one batch read of title overrides.
  const memberCalls = [
    'BatchGetItemCommand',
    'GetItemCommand',
    'QueryCommand',
    'QueryCommand',
    'QueryCommand',
  ];

  it('answers the first page of a member with two instruments in five calls, whatever the library', async () => {
    const small = await pageCost(SMALL, `horns-${SMALL}`, null);
    const large = await pageCost(LARGE, `horns-${LARGE}`, null);
    expect(small.calls).toEqual(memberCalls);
    expect(large.calls).toEqual(memberCalls);
    expect(small.page.songs).toHaveLength(1);
    expect(large.page.songs).toHaveLength(20);
    for (const song of [...small.page.songs, ...large.page.songs]) {
      expect(song.charts.map((c) => c.token).sort()).toEqual(['Bb', 'Eb']);
      expect(song.audio).toHaveLength(3);
    }
  });

  it('costs the same on every page of the 5,000-file library, and the pages hold every song once', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const { calls, page } = await pageCost(LARGE, `horns-${LARGE}`, cursor);
      expect(calls).toEqual(memberCalls);
      seen.push(...page.songs.map((s) => s.songKey));
      cursor = page.nextCursor;
    } while (cursor !== null);
    expect(seen).toHaveLength(500);
    expect(new Set(seen).size).toBe(500);
    expect([...seen].sort()).toEqual(seen);
  });

  it('reads one instrument in four calls and a leader’s whole view in one query per partition', async () => {
    for (const bandId of [SMALL, LARGE]) {
      const one = await pageCost(bandId, `horns-${bandId}`, null, { instrument: 'trumpet' });
      expect(one.calls).toEqual(['BatchGetItemCommand', 'GetItemCommand', 'QueryCommand', 'QueryCommand']);
      // Six token partitions, what every member sees, and what only leaders see.
      const all = await pageCost(bandId, `lead-${bandId}`, null);
      expect(all.calls).toEqual(['BatchGetItemCommand', 'GetItemCommand', ...Array(8).fill('QueryCommand')]);
      expect(all.page.songs[0]?.charts).toHaveLength(7);
    }
  });

  it('keeps the bound at the largest page: 100 songs are still one query per partition', async () => {
    bed.calls.length = 0;
    const page = await listSongs(bed.deps, {
      bandId: LARGE,
      userId: `horns-${LARGE}`,
      cursor: null,
      limit: 100,
    });
    expect([...bed.calls].sort()).toEqual(memberCalls);
    expect(page.songs).toHaveLength(100);
  });
});
