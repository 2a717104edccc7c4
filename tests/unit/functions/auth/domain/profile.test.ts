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
    ['an unknown field', { name: 'Ana', instruments: [], admin: true }],
    ['a wrong type', { name: 42, instruments: 'trumpet' }],
  ])('refuses %s', (_label, input) => {
    expect(ProfileUpdate.safeParse(input).success).toBe(false);
  });
});

describe('initialDisplayName', () => {
  it('uses the provided name, else the email local part', () => {
    expect(initialDisplayName('ana@example.com', 'Ana B')).toBe('Ana B');
    expect(initialDisplayName('ana@example.com', undefined)).toBe('ana');
    expect(initialDisplayName('ana@example.com', '  ')).toBe('ana');
  });
});
