import { describe, expect, it } from 'vitest';
import { removalsFromFormerBands } from '../../../../../functions/drive/domain/removalsFromFormerBands.ts';

describe('removalsFromFormerBands', () => {
  it('asks the band that holds a file elsewhere now (or nowhere) to drop it, and no one else', () => {
    const removals = removalsFromFormerBands(
      new Map<string, string | null>([
        ['moved', 'band-b'],
        ['gone', null],
        ['stayed', 'band-a'],
        ['new', 'band-a'],
      ]),
      new Map([
        ['moved', 'band-a'],
        ['gone', 'band-c'],
        ['stayed', 'band-a'],
      ]),
    );
    expect(removals).toEqual(
      new Map([
        ['band-a', ['moved']],
        ['band-c', ['gone']],
      ]),
    );
  });
});
