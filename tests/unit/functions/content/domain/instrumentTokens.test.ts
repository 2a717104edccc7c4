import { describe, expect, it } from 'vitest';
import {
  instrumentsReading,
  tokensForInstruments,
} from '../../../../../functions/content/domain/instrumentTokens.ts';
import { Instrument, TranspositionToken } from '../../../../../shared/contracts/bandVocabulary.ts';

describe('tokensForInstruments', () => {
  it.each([
    [['trumpet'], ['Bb']],
    [['tenor_sax', 'soprano_sax', 'clarinet'], ['Bb']],
    [['alto_sax'], ['Eb']],
    [['baritone_sax'], ['Eb']],
    [['violin'], ['Concert']],
    [['flute'], ['Concert']],
    [['trombone'], ['BassClef']],
    [['tuba'], ['BassClef']],
    [['piano'], ['Chords']],
    [['keys', 'guitar'], ['Chords']],
    // The bass player reads chords; `_Bass` charts are the bass-clef part, for trombones and tubas.
    [['bass'], ['Chords']],
    [['drums', 'percussion'], ['Chords']],
    [['voice'], ['Lyrics']],
    [
      ['alto_sax', 'trumpet'],
      ['Bb', 'Eb'],
    ],
    [
      ['voice', 'guitar', 'trombone'],
      ['BassClef', 'Chords', 'Lyrics'],
    ],
    [[], []],
  ] as [Instrument[], TranspositionToken[]][])('%j read %j', (instruments, tokens) => {
    expect(tokensForInstruments(instruments)).toEqual(tokens);
  });
});

describe('instrumentsReading', () => {
  it('inverts the instrument table of DOMAIN.md', () => {
    expect(instrumentsReading('Bb')).toEqual(['trumpet', 'tenor_sax', 'soprano_sax', 'clarinet']);
    expect(instrumentsReading('BassClef')).toEqual(['trombone', 'tuba']);
    expect(instrumentsReading('Lyrics')).toEqual(['voice']);
  });

  it('gives every instrument to exactly one token', () => {
    const all = TranspositionToken.options.flatMap(instrumentsReading);
    expect([...all].sort()).toEqual([...Instrument.options].sort());
  });
});
