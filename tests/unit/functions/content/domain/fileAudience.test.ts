import { describe, expect, it } from 'vitest';
import { fileAudience, visibleToMember } from '../../../../../functions/content/domain/fileAudience.ts';
import { readFileName } from '../../../../../functions/content/domain/readFileName.ts';

describe('fileAudience', () => {
  it.each([
    [
      'AllOfMe_Bb.pdf',
      { instruments: ['trumpet', 'tenor_sax', 'soprano_sax', 'clarinet'], allMembers: false },
    ],
    ['AllOfMe_Bass.pdf', { instruments: ['trombone', 'tuba'], allMembers: false }],
    ['AllOfMe_Eb_X.pdf', { instruments: ['alto_sax', 'baritone_sax'], allMembers: false }],
    ['AllOfMe_X.pdf', { instruments: [], allMembers: true }],
    ['AllOfMe_Ref.mp3', { instruments: [], allMembers: true }],
    ['2026-12-31_NewYearsEve.pdf', { instruments: [], allMembers: true }],
    ['AllOfMe.pdf', { instruments: [], allMembers: false }],
    ['AllOfMe_Bb.docx', { instruments: [], allMembers: false }],
  ])('%s concerns %j', (name, audience) => {
    expect(fileAudience(readFileName(name))).toEqual(audience);
  });
});

describe('visibleToMember', () => {
  const trumpetAndVoice = ['Bb', 'Lyrics'] as const;

  it.each([
    ['AllOfMe_Bb.pdf', true],
    ['AllOfMe_Lyrics.pdf', true],
    ['AllOfMe_Eb.pdf', false],
    ['AllOfMe_Bb_X.pdf', true],
    ['AllOfMe_Eb_X.pdf', false],
    ['AllOfMe_X.pdf', true],
    ['AllOfMe.mp3', true],
    ['2026-12-31_NewYearsEve.pdf', true],
    ['AllOfMe.pdf', false],
    ['Notes.txt', false],
  ])('a trumpet player who sings sees %s: %s', (name, visible) => {
    expect(visibleToMember(readFileName(name), trumpetAndVoice)).toBe(visible);
  });

  it('shows a member with no instrument only what concerns every member', () => {
    expect(visibleToMember(readFileName('AllOfMe_Bb.pdf'), [])).toBe(false);
    expect(visibleToMember(readFileName('AllOfMe.mp3'), [])).toBe(true);
  });
});
