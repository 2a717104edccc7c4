import { describe, expect, it } from 'vitest';
import { displayTitle } from '../../../../../functions/content/domain/displayTitle.ts';

describe('displayTitle', () => {
  it.each([
    ['AllOfMe', 'All Of Me'],
    ['DontYouWorryBoutAThing', 'Dont You Worry Bout A Thing'],
    ['TakeThe_ATrain', 'Take The A Train'],
    ['90sPop', '90s Pop'],
    ['Take5', 'Take 5'],
    ['4Brothers', '4 Brothers'],
    ['ABCBlues', 'ABC Blues'],
    ['YMCA', 'YMCA'],
    ['My.Song', 'My.Song'],
    ['All  Of__Me ', 'All Of Me'],
    ['ÉtéIndien', 'Été Indien'],
    ['КалинкаМалинка', 'Калинка Малинка'],
    ['上を向いて歩こう', '上を向いて歩こう'],
  ])('%j → %j', (written, shown) => {
    expect(displayTitle(written)).toBe(shown);
  });

  it('is null when nothing readable is left', () => {
    expect(displayTitle('')).toBeNull();
    expect(displayTitle(' _ ')).toBeNull();
  });

  it('never returns more than 255 characters', () => {
    expect(displayTitle('Ab'.repeat(127))?.length).toBe(255);
  });
});
