import { describe, expect, it } from 'vitest';
import { isIgnoredLibraryName } from '../../../../../functions/drive/domain/ignoredNames.ts';
import { mimeTypeForName } from '../../../../../functions/drive/domain/mimeTypes.ts';

describe('isIgnoredLibraryName', () => {
  it.each([
    '.DS_Store',
    '.#AllOfMe_Bb.pdf',
    '.~lock.Setlist.ods#',
    '~$Setlist.docx',
    'AllOfMe_Bb.pdf~',
    'AllOfMe_Bb.pdf.swp',
    'AllOfMe.mp3.part',
    'AllOfMe.mp3.crdownload',
    'AllOfMe.mp3.PART',
    'Thumbs.db',
    'desktop.ini',
    '.git',
    'x.tmp',
  ])('ignores %s', (name) => {
    expect(isIgnoredLibraryName(name)).toBe(true);
  });

  it.each([
    'AllOfMe_Bb.pdf',
    'My.Song_Bb.pdf',
    'Café_Bb.pdf',
    'NoExtension',
    '2026-12-31_NewYearsEve.pdf',
    'Summertime_X.pdf',
    'Spain.mp3',
    'Tmp_Chords.pdf',
  ])('keeps %s', (name) => {
    expect(isIgnoredLibraryName(name)).toBe(false);
  });
});

describe('mimeTypeForName', () => {
  it.each([
    ['AllOfMe_Bb.pdf', 'application/pdf'],
    ['AllOfMe_Bb.PDF', 'application/pdf'],
    ['Misty_Backing.wav', 'audio/wav'],
    ['AllOfMe.mp3', 'audio/mpeg'],
    ['My.Song.m4a', 'audio/mp4'],
    ['NoExtension', 'application/octet-stream'],
    ['trailingdot.', 'application/octet-stream'],
    ['.hidden', 'application/octet-stream'],
  ])('%s is %s', (name, type) => {
    expect(mimeTypeForName(name)).toBe(type);
  });
});
