import { describe, expect, it } from 'vitest';
import { songKeyOf } from '../../../../../functions/content/domain/songKey.ts';

describe('songKeyOf', () => {
  it('makes one key of every spelling of a song (DOMAIN.md: AllOfMe, All_Of_Me, allofme)', () => {
    const spellings = [
      'AllOfMe',
      'All_Of_Me',
      'allofme',
      'ALL OF ME',
      'All-Of-Me',
      'all.of.me',
      ' All Of Me ',
    ];
    expect(new Set(spellings.map(songKeyOf))).toEqual(new Set(['allofme']));
  });

  it('folds case beyond lower-casing and reads full-width letters as letters', () => {
    expect(songKeyOf('Straße')).toBe(songKeyOf('STRASSE'));
    expect(songKeyOf('GROẞE')).toBe(songKeyOf('große'));
    expect(songKeyOf('ΟΔΟΣ ΑΘΗΝΑ')).toBe(songKeyOf('οδος αθηνα'));
    expect(songKeyOf('ＡｌｌＯｆＭｅ')).toBe('allofme');
  });

  it('is the same for composed and decomposed accents, and keeps them', () => {
    expect(songKeyOf('Cafe\u0301')).toBe('café');
    expect(songKeyOf('Café')).toBe('café');
    expect(songKeyOf('Cafe')).toBe('cafe');
  });

  it('is empty when the title has no letter or digit', () => {
    expect(songKeyOf('')).toBe('');
    expect(songKeyOf('!!! -- ...')).toBe('');
    expect(songKeyOf('🎺🎷')).toBe('');
  });
});
