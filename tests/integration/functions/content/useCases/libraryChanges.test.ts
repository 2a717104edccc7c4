import '../../../../helpers/quietPowertools.ts';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DriveChange } from '../../../../../functions/content/domain/catalogueChange.ts';
import { readFileName } from '../../../../../functions/content/domain/readFileName.ts';
import { compareUtf8 } from '../../../../../functions/content/domain/utf8Order.ts';
import { applyDriveChange } from '../../../../../functions/content/useCases/applyDriveChange.ts';
import { getSong } from '../../../../../functions/content/useCases/getSong.ts';
import { rememberLogin } from '../../../../../functions/content/useCases/keepMembers.ts';
import { listNonconforming } from '../../../../../functions/content/useCases/listNonconforming.ts';
import { listSongs } from '../../../../../functions/content/useCases/listSongs.ts';
import type { Instrument } from '../../../../../shared/contracts/bandVocabulary.ts';
import type { LibraryFile } from '../../../../../shared/contracts/events/driveEvents.ts';
import { MAX_FILE_NAME_LENGTH } from '../../../../../shared/contracts/fileNameReading.ts';
import type { SongView } from '../../../../../shared/contracts/services/contentServices.ts';
import { libraryFile } from '../../../../helpers/contentPlatform.ts';
import { type ContentTestBed, startContentTestBed } from '../../../../helpers/contentTestBed.ts';

// Drive's events through the catalogue-change use case into content's real store on DynamoDB Local, then read
// back through the listing use cases: what a band's members would see.
let bed: ContentTestBed;
let bands = 0;
const newBand = async (): Promise<string> => {
  bands += 1;
  const bandId = `band-${bands}`;
  for (const [userId, role, instruments] of [
    ['lead', 'leader', ['piano']],
    ['horn', 'member', ['trumpet']],
  ] as const) {
    await rememberLogin(
      bed.deps,
      {
        userId,
        email: `${userId}@example.com`,
        name: userId,
        method: 'dev',
        sessionId: `s-${userId}`,
        firstLogin: false,
        memberships: [{ bandId, role }],
        instruments: [...instruments] as Instrument[],
      },
      '2026-01-01T00:00:00.000Z',
    );
  }
  return bandId;
};

/** Every song of a view, page by page (small pages, so paging is exercised), checking the order as it goes. */
const allSongs = async (bandId: string, userId: string, limit = 7): Promise<SongView[]> => {
  const songs: SongView[] = [];
  let cursor: string | null = null;
  do {
    const page = await listSongs(bed.deps, { bandId, userId, cursor, limit });
    songs.push(...page.songs);
    cursor = page.nextCursor;
  } while (cursor !== null);
  for (let i = 1; i < songs.length; i += 1) {
    expect(compareUtf8(songs[i - 1]?.songKey ?? '', songs[i]?.songKey ?? '')).toBeLessThan(0);
  }
  return songs;
};

/** Each file of a view as `fileId name`, sorted. */
const shownFiles = (songs: readonly SongView[]): string[] =>
  songs.flatMap((s) => [...s.charts, ...s.audio].map((f) => `${f.fileId} ${f.name}`)).sort();

beforeAll(async () => {
  bed = await startContentTestBed();
}, 120_000);

afterAll(() => bed?.stop());

/** Half of a surrogate pair on its own: drive's names are UTF-8, so they never hold one. */
const LONE_SURROGATE = /\p{Cs}/u;

describe('names of up to 255 random Unicode characters never break a listing', () => {
  const suffix = fc.constantFrom(
    '_Bb.pdf',
    '_bb.PDF',
    '.mp3',
    '_Ref.mp3',
    '_X.pdf',
    '_Bb_X.pdf',
    '.pdf',
    '',
    '.docx',
  );
  const body = fc.oneof(
    fc.string({ unit: 'binary', minLength: 1, maxLength: MAX_FILE_NAME_LENGTH }),
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: MAX_FILE_NAME_LENGTH }),
    // Characters that grow under NFKC or case folding (ﷺ is 18 letters, ß is ss), astral ones, lone marks.
    fc.string({
      unit: fc.constantFrom('ﷺ', 'ß', 'ẞ', '𝄞', '😀', 'É', '\u0301', 'Ω', 'ς', 'ﬃ', 'a', 'B', '_', ' ', '.'),
      minLength: 1,
      maxLength: MAX_FILE_NAME_LENGTH,
    }),
  );
  /** A name as drive may announce it: well-formed, at most 255 characters, its suffix kept when it is cut. */
  const libraryName = fc
    .tuple(body, suffix)
    .map(([text, end]) => {
      let head = [...text];
      while (head.join('').length + end.length > MAX_FILE_NAME_LENGTH) head = head.slice(0, -1);
      return `${head.join('')}${end}`;
    })
    .filter((name) => name.length > 0 && !LONE_SURROGATE.test(name));

  it('lists every chart and recording once, in song order, for leaders and members', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(libraryName, { minLength: 1, maxLength: 12 }), async (names) => {
        const bandId = await newBand();
        const files = names.map((name, i) => libraryFile(`u${i}`, name));
        for (const file of files) {
          const outcome = await applyDriveChange(
            bed.deps,
            { kind: 'upsert', bandId, file, occurredAt: file.modifiedAt },
            null,
          );
          expect(outcome).toBe('applied');
        }
        const readings = files.map((file) => ({ file, reading: readFileName(file.name) }));
        const shown = readings.filter(
          ({ reading }) => reading.songKey && (reading.kind === 'chart' || reading.kind === 'audio'),
        );
        const leaderSongs = await allSongs(bandId, 'lead');
        expect(shownFiles(leaderSongs)).toEqual(
          shown.map(({ file }) => `${file.fileId} ${file.name}`).sort(),
        );
        const hornSongs = await allSongs(bandId, 'horn', 3);
        const forHorn = shown.filter(({ reading }) => reading.kind === 'audio' || reading.token === 'Bb');
        expect(shownFiles(hornSongs)).toEqual(
          forHorn.map(({ file }) => `${file.fileId} ${file.name}`).sort(),
        );
        for (const song of leaderSongs) {
          const detail = await getSong(bed.deps, { bandId, userId: 'lead', songKey: song.songKey });
          expect(detail.songKey).toBe(song.songKey);
        }
        const { files: odd } = await listNonconforming(bed.deps, { bandId, userId: 'lead' });
        expect(odd.map((f) => f.fileId).sort()).toEqual(
          readings
            .filter(({ reading }) => reading.problems.length > 0)
            .map(({ file }) => file.fileId)
            .sort(),
        );
      }),
      { numRuns: 25 },
    );
  }, 240_000);
});

describe('duplicate and out-of-order drive events end in the same catalogue', () => {
  const NAMES = [
    'AllOfMe_Bb.pdf',
    'AllOfMe_Eb.pdf',
    'AllOfMe.mp3',
    'BlueMoon_Bb.pdf',
    'BlueMoon_Ref.mp3',
    'Misty_X.pdf',
    'Misty_Concert.pdf',
    'Take The A Train.pdf',
    'notes.docx',
  ];
  /** One file's life as drive saw it: its names, version by version, and whether it was removed at the end. */
  const fileLife = fc.record({
    names: fc.array(fc.constantFrom(...NAMES), { minLength: 1, maxLength: 4 }),
    removed: fc.boolean(),
  });

  /** The events drive published, in the order it published them (one second apart). */
  const eventsOf = (
    bandId: string,
    lives: readonly { names: string[]; removed: boolean }[],
  ): DriveChange[] => {
    const events: DriveChange[] = [];
    let second = 0;
    const at = () => {
      second += 1;
      return new Date(Date.UTC(2026, 0, 1, 0, 0, second)).toISOString();
    };
    lives.forEach((life, f) => {
      life.names.forEach((name, v) => {
        const file: LibraryFile = { ...libraryFile(`f${f}`, name, v + 1), modifiedAt: at() };
        events.push({ kind: 'upsert', bandId, file, occurredAt: file.modifiedAt });
      });
      if (life.removed) events.push({ kind: 'remove', bandId, fileId: `f${f}`, occurredAt: at() });
    });
    return events;
  };

  /** What members and leaders see of a band: its files, listings of both, the names that do not conform. */
  const catalogueOf = async (bandId: string) => ({
    present: (await bed.deps.catalogue.presentFiles(bandId))
      .map((r) => `${r.fileId} ${r.name} v${r.stamp.version}`)
      .sort(),
    leader: shownFiles(await allSongs(bandId, 'lead', 2)),
    leaderSongs: (await allSongs(bandId, 'lead')).map((s) => `${s.songKey} ${s.partComing.join(',')}`),
    horn: shownFiles(await allSongs(bandId, 'horn', 2)),
    nonconforming: (await listNonconforming(bed.deps, { bandId, userId: 'lead' })).files.map((f) => f.fileId),
  });

  /** Delivers changes a few at a time, concurrently; a delivery that fails is delivered again (as Lambda would). */
  const deliver = async (changes: readonly DriveChange[], concurrency: number): Promise<void> => {
    for (let i = 0; i < changes.length; i += concurrency) {
      await Promise.all(
        changes.slice(i, i + concurrency).map(async (change) => {
          for (let attempt = 1; ; attempt += 1) {
            try {
              await applyDriveChange(bed.deps, change, null);
              return;
            } catch (error) {
              if (attempt >= 3) throw error;
            }
          }
        }),
      );
    }
  };

  it('announces a change once however often it is delivered, one after the other or at the same time', async () => {
    // What lets content's subscriber run without the kit's idempotency record (`repeats: 'handler'`).
    const bandId = await newBand();
    const change = (version: number): DriveChange => ({
      kind: 'upsert',
      bandId,
      file: libraryFile('f-repeat', 'Misty_Bb.pdf', version),
      occurredAt: new Date(Date.UTC(2026, 0, 1, 0, 0, version)).toISOString(),
    });
    const announced = () =>
      bed.published.filter(
        (e) => e.name === 'content.updated' && (e.data as { bandId: string }).bandId === bandId,
      ).length;
    expect(await applyDriveChange(bed.deps, change(1), null)).toBe('applied');
    expect(await applyDriveChange(bed.deps, change(1), null)).toBe('ignored');
    expect(announced()).toBe(1);
    // Three deliveries of the next change at once: one applies it, the others read again and find it there.
    const outcomes = await Promise.all([1, 2, 3].map(() => applyDriveChange(bed.deps, change(2), null)));
    expect(outcomes.sort()).toEqual(['applied', 'ignored', 'ignored']);
    expect(announced()).toBe(2);
  });

  it('replayed, reordered and concurrent deliveries leave what in-order delivery leaves', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fileLife, { minLength: 1, maxLength: 3 }),
        fc.nat(),
        fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 6 }),
        fc.constantFrom(1, 3),
        async (lives, seed, replays, concurrency) => {
          const inOrder = await newBand();
          await deliver(eventsOf(inOrder, lives), 1);
          const expected = await catalogueOf(inOrder);

          const shuffledBand = await newBand();
          const events = eventsOf(shuffledBand, lives);
          // A permutation of every event, then some of them again at random places.
          const order =
            fc.sample(fc.shuffledSubarray(events, { minLength: events.length }), { seed, numRuns: 1 })[0] ??
            [];
          for (const [which, where] of replays) {
            const replayed = events[which % events.length];
            if (replayed) order.splice(where % (order.length + 1), 0, replayed);
          }
          await deliver(order, concurrency);
          const actual = await catalogueOf(shuffledBand);
          expect(actual).toEqual(expected);

          // And the state is the one drive ended with: the last name of each file still there.
          const last = lives.flatMap((life, f) =>
            life.removed ? [] : [`f${f} ${life.names[life.names.length - 1]} v${life.names.length}`],
          );
          expect(actual.present).toEqual(last.sort());
        },
      ),
      { numRuns: 40 },
    );
  }, 240_000);
});
