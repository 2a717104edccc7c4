import { describe, expect, it } from 'vitest';
import { gigDatePrefix } from '../../../../../functions/content/domain/gigDate.ts';

describe('gigDatePrefix', () => {
  it('finds the date, the separator and the rest', () => {
    expect(gigDatePrefix('2026-12-31_NewYearsEve')).toEqual({
      written: '2026-12-31',
      valid: true,
      separator: '_',
      rest: 'NewYearsEve',
    });
    expect(gigDatePrefix('2026-12-31')).toEqual({
      written: '2026-12-31',
      valid: true,
      separator: '',
      rest: '',
    });
    expect(gigDatePrefix('2026-12-31 Gig')).toMatchObject({ separator: ' ', rest: 'Gig' });
  });

  it.each([
    ['2024-02-29', true],
    ['2000-02-29', true],
    ['2023-02-29', false],
    ['2100-02-29', false],
    ['2026-02-28', true],
    ['2026-04-30', true],
    ['2026-04-31', false],
    ['2026-12-31', true],
    ['2026-13-01', false],
    ['2026-00-01', false],
    ['2026-01-00', false],
    ['2026-01-32', false],
  ])('%s is a calendar day: %s', (date, valid) => {
    expect(gigDatePrefix(`${date}_Gig`)?.valid).toBe(valid);
  });

  it.each(['2026-12-31Gig', '2026-1-31_Gig', '20261231_Gig', 'Gig_2026-12-31', '２０２６-12-31_Gig'])(
    '%j does not start with a gig date',
    (base) => {
      expect(gigDatePrefix(base)).toBeNull();
    },
  );
});
