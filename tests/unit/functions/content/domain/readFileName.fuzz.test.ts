import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toParsedFileName } from '../../../../../functions/content/domain/parsedFileName.ts';
import { readFileName, readLibraryPath } from '../../../../../functions/content/domain/readFileName.ts';
import { songKeyOf } from '../../../../../functions/content/domain/songKey.ts';
import { ParsedFileName } from '../../../../../shared/contracts/events/contentEvents.ts';
import { FileNameReading, MAX_FILE_NAME_LENGTH } from '../../../../../shared/contracts/fileNameReading.ts';

const RUNS = { numRuns: 3_000 };

/** Every kind of string up to the length names may have: lone surrogates, astral characters, and name-like ones. */
const anyName = fc
  .oneof(
    fc.string({ unit: 'binary', maxLength: MAX_FILE_NAME_LENGTH }),
    fc.string({ unit: 'grapheme', maxLength: 60 }),
    fc.string({ unit: fc.constantFrom(...'Aa1_. -xXbB'), maxLength: 40 }),
    fc
      .tuple(
        fc.string({ unit: 'grapheme-composite', maxLength: 30 }),
        fc.constantFrom('_', '__', ' _', '_ ', '-'),
        fc.constantFrom('Bb', 'bass', 'CHORD', 'X', 'Ref', 'spl', 'Bbq', '', 'x'),
        fc.constantFrom('.pdf', '.PDF', '.mp3', '.wav', '', '.', '.docx', '.tar.gz', '..pdf'),
      )
      .map((parts) => parts.join('')),
    fc
      .tuple(fc.date({ noInvalidDate: true }), fc.string({ maxLength: 20 }), fc.constantFrom('.pdf', ''))
      .map(([date, rest, ext]) => `${date.toISOString().slice(0, 10)}_${rest}${ext}`),
  )
  .filter((name) => name.length <= MAX_FILE_NAME_LENGTH);

describe('readFileName on any string', () => {
  it('answers every string of up to 255 characters with a valid reading, never throwing', () => {
    fc.assert(
      fc.property(anyName, (name) => {
        const reading = readFileName(name);
        expect(FileNameReading.safeParse(reading).success).toBe(true);
        expect(ParsedFileName.safeParse(toParsedFileName(reading)).success).toBe(true);
      }),
      RUNS,
    );
  });

  it('keeps its kinds consistent with their fields', () => {
    fc.assert(
      fc.property(anyName, (name) => {
        const r = readFileName(name);
        const ofSong = r.kind === 'chart' || r.kind === 'audio' || r.kind === 'placeholder';
        expect(r.songKey !== null, 'a song key exactly for song files').toBe(ofSong);
        expect(r.title !== null).toBe(ofSong);
        expect(r.gigDate !== null, 'a gig date exactly for gig documents').toBe(r.kind === 'gig');
        expect(r.audioKind !== null, 'an audio kind exactly for audio').toBe(r.kind === 'audio');
        expect(r.placeholder !== null).toBe(r.kind === 'placeholder');
        if (r.token !== null) expect(['chart', 'placeholder']).toContain(r.kind);
        if (r.kind === 'chart') expect(r.extension).toBe('pdf');
        if (r.kind === 'other') expect(r.problems.length).toBeGreaterThan(0);
      }),
      RUNS,
    );
  });

  it('reads a name the same in any folder of the library', () => {
    const folder = fc.array(fc.stringMatching(/^[A-Za-z0-9 _.-]{1,12}$/), { minLength: 1, maxLength: 4 });
    const simpleName = anyName.filter((n) => !n.includes('/') && !n.includes('\\'));
    fc.assert(
      fc.property(folder, simpleName, (folders, name) => {
        expect(readLibraryPath(`${folders.join('/')}/${name}`)).toEqual(readFileName(name));
      }),
      RUNS,
    );
  });

  it('answers a name over 255 characters as a non-conforming other file', () => {
    fc.assert(
      fc.property(fc.string({ minLength: MAX_FILE_NAME_LENGTH + 1, maxLength: 2_000 }), (name) => {
        expect(readFileName(name)).toMatchObject({ kind: 'other', problems: [{ code: 'name_too_long' }] });
      }),
      { numRuns: 200 },
    );
  });
});

/** Title words: letters and digits of any script (the separators are what the properties vary). */
const word = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9]{1,8}$/),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 6 }),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 6 }),
);
const words = fc.array(word, { minLength: 1, maxLength: 6 });
const separator = fc.constantFrom('', '_', ' ', '-', '.', '__', ' - ');

describe('the song key', () => {
  it('is the same under case and separator changes of a title', () => {
    fc.assert(
      fc.property(words, separator, (ws, sep) => {
        const key = songKeyOf(ws.join(''));
        expect(songKeyOf(ws.join(sep))).toBe(key);
        expect(songKeyOf(ws.join(sep).toUpperCase())).toBe(key);
        expect(songKeyOf(ws.join(sep).toLowerCase())).toBe(key);
      }),
      // Capital sharp s lower-cases to ß, which upper-cases to SS: found by this property once.
      { ...RUNS, examples: [[['GROẞE'], '']] },
    );
  });

  it('is the same for every spelling of a chart name', () => {
    // The title starts with a letter, so no spelling turns into a gig date.
    const title = fc.tuple(
      fc.stringMatching(/^[A-Za-z]$/),
      fc.array(fc.stringMatching(/^[A-Za-z0-9]{1,8}$/)),
    );
    const token = fc.constantFrom('Bb', 'bb', 'BB', 'Bass', 'chord', 'Lyrics');
    fc.assert(
      fc.property(title, fc.constantFrom('', '_', ' ', '-'), token, ([first, rest], sep, tok) => {
        const ws = [first, ...rest];
        const key = readFileName(`${ws.join('')}_Bb.pdf`).songKey;
        expect(readFileName(`${ws.join(sep)}_${tok}.pdf`).songKey).toBe(key);
        expect(readFileName(`${ws.join(sep).toUpperCase()}_${tok}.PDF`).songKey).toBe(key);
        expect(readFileName(`${ws.join(sep).toLowerCase()}_${tok}.pdf`).songKey).toBe(key);
      }),
      RUNS,
    );
  });
});
