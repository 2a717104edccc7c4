import { describe, expect, it } from 'vitest';
import { cleanName, fitLength } from '../../../../../functions/content/domain/nameText.ts';

describe('cleanName', () => {
  it('leaves a printable ASCII name alone', () => {
    expect(cleanName('AllOfMe_Bb.pdf')).toEqual({
      text: 'AllOfMe_Bb.pdf',
      hadInvisible: false,
      hadSurroundingSpaces: false,
    });
  });

  it('composes decomposed accents (names from macOS) and drops invisible characters', () => {
    expect(cleanName('Cafe\u0301\u200B_Bb.pdf')).toEqual({
      text: 'Café_Bb.pdf',
      hadInvisible: true,
      hadSurroundingSpaces: false,
    });
  });

  it('keeps the zero-width joiner that emoji sequences need', () => {
    expect(cleanName('👨‍👩‍👧.mp3').text).toBe('👨‍👩‍👧.mp3');
  });

  it('trims and says so', () => {
    expect(cleanName('  Misty.mp3 ')).toMatchObject({ text: 'Misty.mp3', hadSurroundingSpaces: true });
  });
});

describe('fitLength', () => {
  it('keeps text that fits and cuts text that does not', () => {
    expect(fitLength('abc', 3)).toBe('abc');
    expect(fitLength('abcd', 3)).toBe('abc');
  });

  it('never cuts a surrogate pair in half', () => {
    expect(fitLength('ab🎺', 3)).toBe('ab');
    expect(fitLength('a🎺b', 3)).toBe('a🎺');
  });
});
