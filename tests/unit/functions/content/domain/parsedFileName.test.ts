import { describe, expect, it } from 'vitest';
import { toParsedFileName } from '../../../../../functions/content/domain/parsedFileName.ts';
import { readFileName } from '../../../../../functions/content/domain/readFileName.ts';
import { ParsedFileName } from '../../../../../shared/contracts/events/contentEvents.ts';

describe('toParsedFileName', () => {
  it('carries a conforming chart into the content.parsed payload', () => {
    expect(ParsedFileName.parse(toParsedFileName(readFileName('AllOfMe_Bb.pdf')))).toEqual({
      kind: 'chart',
      songId: 'allofme',
      songTitle: 'AllOfMe',
      displayTitle: 'All Of Me',
      token: 'Bb',
      audioKind: null,
      gigDate: null,
      gigName: null,
      extension: 'pdf',
      conforming: true,
      issues: [],
      songKey: 'allofme',
      placeholder: null,
    });
  });

  it('gives every spelling of a song the same song id', () => {
    const ids = ['AllOfMe_Bb.pdf', 'All_Of_Me.mp3', 'allofme_X.pdf'].map(
      (name) => toParsedFileName(readFileName(name)).songId,
    );
    expect(new Set(ids)).toEqual(new Set(['allofme']));
  });

  it('reports a non-conforming name with the problems in words', () => {
    const parsed = toParsedFileName(readFileName('AllOfMe.pdf'));
    expect(parsed.conforming).toBe(false);
    expect(parsed.issues).toEqual([expect.stringContaining('a chart needs a transposition token')]);
  });

  it('has no song for a gig document, and the placeholder scope for a placeholder', () => {
    expect(toParsedFileName(readFileName('2026-12-31_NewYearsEve.pdf'))).toMatchObject({
      kind: 'gig',
      songId: null,
      songKey: null,
      gigDate: '2026-12-31',
    });
    expect(toParsedFileName(readFileName('Summertime_Bb_X.pdf'))).toMatchObject({
      kind: 'placeholder',
      songId: 'summertime',
      token: 'Bb',
      placeholder: 'token',
    });
  });
});

describe('ParsedFileName (content.parsed)', () => {
  it('still accepts a payload without the fields added later', () => {
    const { songKey: _key, placeholder: _scope, ...older } = toParsedFileName(readFileName('AllOfMe_Bb.pdf'));
    expect(ParsedFileName.safeParse(older).success).toBe(true);
  });
});
