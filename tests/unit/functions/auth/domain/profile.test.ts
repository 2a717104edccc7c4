import { describe, expect, it } from 'vitest';
import { initialDisplayName, ProfileUpdate } from '../../../../../functions/auth/domain/profile.ts';

describe('ProfileUpdate', () => {
  it('accepts a name and instruments from the DOMAIN list, trimming the name', () => {
    expect(ProfileUpdate.parse({ name: '  Ana  ', instruments: ['trumpet', 'voice'] })).toEqual({
      name: 'Ana',
      instruments: ['trumpet', 'voice'],
    });
  });

  it.each([
    ['an unknown instrument', { name: 'Ana', instruments: ['kazoo'] }],
    ['a duplicate instrument', { name: 'Ana', instruments: ['bass', 'bass'] }],
    ['a blank name', { name: '   ', instruments: [] }],
    ['an oversized name', { name: 'x'.repeat(201), instruments: [] }],
    ['a control character', { name: 'A\u0000na', instruments: [] }],
    ['a right-to-left override (U+202E)', { name: 'Ana\u202Egnp.exe', instruments: [] }],
    ['a left-to-right embedding (U+202A)', { name: '\u202AAna', instruments: [] }],
    ['a pop directional formatting (U+202C)', { name: 'Ana\u202C', instruments: [] }],
    ['a bidi isolate (U+2066–U+2069)', { name: 'Ana\u2067x\u2069', instruments: [] }],
    ['a right-to-left mark (U+200F)', { name: 'Ana\u200F', instruments: [] }],
    ['an Arabic letter mark (U+061C)', { name: 'Ana\u061C', instruments: [] }],
    ['an unknown field', { name: 'Ana', instruments: [], admin: true }],
    ['a wrong type', { name: 42, instruments: 'trumpet' }],
  ])('refuses %s', (_label, input) => {
    expect(ProfileUpdate.safeParse(input).success).toBe(false);
  });
});

describe('DisplayName and scripts', () => {
  it('accepts names written right to left and with combining marks (only the invisible controls are refused)', () => {
    for (const name of ['فاطمة', 'שירה', 'Zoë', 'José', '李小龍', 'Ana-María O’Neil']) {
      expect(ProfileUpdate.safeParse({ name, instruments: [] }).success).toBe(true);
    }
  });
});

describe('initialDisplayName', () => {
  it('uses the provided name, else the email local part', () => {
    expect(initialDisplayName('ana@example.com', 'Ana B')).toBe('Ana B');
    expect(initialDisplayName('ana@example.com', undefined)).toBe('ana');
    expect(initialDisplayName('ana@example.com', '  ')).toBe('ana');
    expect(initialDisplayName('ana@example.com', 'Ana\u202Egnp.exe')).toBe('ana');
  });
});
