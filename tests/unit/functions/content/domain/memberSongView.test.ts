import { describe, expect, it } from 'vitest';
import { memberSongView } from '../../../../../functions/content/domain/memberSongView.ts';
import { groupSongs } from '../../../../../functions/content/domain/songCatalogue.ts';
import { catalogueFile, songOf } from '../../../../helpers/catalogueFiles.ts';

const names = (files: readonly { name: string }[]) => files.map((f) => f.name);

describe('memberSongView', () => {
  const song = songOf(
    'AllOfMe_Bb.pdf',
    'All_Of_Me_Bb.pdf',
    'AllOfMe_Eb.pdf',
    'AllOfMe_Concert_X.pdf',
    'AllOfMe.pdf',
    'AllOfMe_Backing.mp3',
    'AllOfMe.mp3',
    'AllOfMe_Ref.mp3',
  );

  it('gives a trumpet player their charts, every recording, and the count the song list shows', () => {
    const view = memberSongView(song, ['Bb']);
    expect(view).toMatchObject({
      songKey: 'allofme',
      title: 'All Of Me',
      partComing: [],
      missing: [],
      fileCount: 5,
    });
    expect(names(view.charts)).toEqual(['AllOfMe_Bb.pdf', 'All_Of_Me_Bb.pdf']);
    expect(names(view.audio)).toEqual(['AllOfMe.mp3', 'AllOfMe_Ref.mp3', 'AllOfMe_Backing.mp3']);
  });

  it('says "part coming" where a placeholder announces the part, and missing where nothing does', () => {
    const view = memberSongView(song, ['Lyrics', 'Concert', 'Eb']);
    expect(names(view.charts)).toEqual(['AllOfMe_Eb.pdf']);
    expect(view.partComing).toEqual(['Concert']);
    expect(view.missing).toEqual(['Lyrics']);
  });

  it('announces every part with a song placeholder, but a chart wins over it', () => {
    const view = memberSongView(songOf('Summertime_X.pdf', 'Summertime_Chords.pdf'), ['Chords', 'BassClef']);
    expect(view.partComing).toEqual(['BassClef']);
    expect(names(view.charts)).toEqual(['Summertime_Chords.pdf']);
  });

  it('never shows charts of other tokens, a chart without a token, or a placeholder file itself', () => {
    const view = memberSongView(song, ['Chords']);
    expect(view.charts).toEqual([]);
    expect(view.missing).toEqual(['Chords']);
    expect(names(view.audio)).not.toContain('AllOfMe_Concert_X.pdf');
    expect(view.fileCount).toBe(3);
  });

  it("hands back the module's own file records, whatever else they carry", () => {
    const files = ['Misty_Eb.pdf', 'Misty.mp3'].map((n) => ({
      ...catalogueFile(n),
      modifiedAt: '2026-11-29',
    }));
    const [misty] = groupSongs(files);
    if (!misty) throw new Error('no song');
    expect(memberSongView(misty, ['Eb']).charts[0]?.modifiedAt).toBe('2026-11-29');
  });
});
