import { describe, expect, it } from 'vitest';
import {
  missingPartsByToken,
  missingPartsOfSong,
} from '../../../../../functions/content/domain/missingParts.ts';
import { songOf } from '../../../../helpers/catalogueFiles.ts';

describe('missingPartsOfSong', () => {
  it('lists the tokens the band reads that have no chart, saying which a placeholder announced', () => {
    const song = songOf('AllOfMe_Bb.pdf', 'AllOfMe_Eb_X.pdf', 'AllOfMe.mp3');
    expect(missingPartsOfSong(song, ['Bb', 'Eb', 'Chords'])).toEqual([
      { token: 'Eb', announced: true },
      { token: 'Chords', announced: false },
    ]);
  });

  it('lists a token a placeholder announces even when nobody in the band reads it yet', () => {
    expect(missingPartsOfSong(songOf('AllOfMe_Lyrics_X.pdf'), ['Bb'])).toEqual([
      { token: 'Bb', announced: false },
      { token: 'Lyrics', announced: true },
    ]);
  });

  it('reads Song_X as every part to write', () => {
    expect(
      missingPartsOfSong(songOf('Summertime_X.pdf', 'Summertime_Bb.pdf'), ['Bb', 'Eb', 'Lyrics']),
    ).toEqual([
      { token: 'Eb', announced: true },
      { token: 'Lyrics', announced: true },
    ]);
  });

  it('does not count a chart without a token as a part', () => {
    expect(missingPartsOfSong(songOf('Misty.pdf'), ['Concert'])).toEqual([
      { token: 'Concert', announced: false },
    ]);
  });

  it('is empty when every part is there', () => {
    expect(
      missingPartsOfSong(songOf('Misty_Bb.pdf', 'Misty_Eb.pdf', 'Misty_Eb_X.pdf'), ['Bb', 'Eb']),
    ).toEqual([]);
  });
});

describe('missingPartsByToken', () => {
  it('gives the leader, per token, the songs still to write', () => {
    const songs = [
      songOf('AllOfMe_Bb.pdf'),
      songOf('Misty_Eb.pdf', 'Misty_Bb_X.pdf'),
      songOf('Spain_Bb.pdf', 'Spain_Eb.pdf'),
    ];
    expect(missingPartsByToken(songs, ['Bb', 'Eb'])).toEqual([
      { token: 'Bb', songs: [{ songKey: 'misty', title: 'Misty', announced: true }] },
      { token: 'Eb', songs: [{ songKey: 'allofme', title: 'All Of Me', announced: false }] },
    ]);
  });

  it('is empty for a band with every part written', () => {
    expect(missingPartsByToken([songOf('Spain_Bb.pdf')], ['Bb'])).toEqual([]);
  });
});
