import { describe, expect, it } from 'vitest';
import { groupSongs } from '../../../../../functions/content/domain/songCatalogue.ts';
import { catalogueFile } from '../../../../helpers/catalogueFiles.ts';

const names = (files: readonly { name: string }[]) => files.map((f) => f.name);

describe('groupSongs', () => {
  it('groups every spelling of a song and leaves gig documents and other files out', () => {
    const songs = groupSongs(
      [
        'Misty_Lyrics.pdf',
        'All_Of_Me_Eb.pdf',
        'AllOfMe_Bb.pdf',
        'allofme.mp3',
        '2026-12-31_NewYearsEve.pdf',
        'Notes.txt',
        'AllOfMe_X.pdf',
      ].map((name) => catalogueFile(name)),
    );
    expect(songs.map((s) => [s.songKey, s.title, names(s.files)])).toEqual([
      ['allofme', 'All Of Me', ['AllOfMe_Bb.pdf', 'AllOfMe_X.pdf', 'All_Of_Me_Eb.pdf', 'allofme.mp3']],
      ['misty', 'Misty', ['Misty_Lyrics.pdf']],
    ]);
  });

  it('shows a song with the title of its well-written names, even when badly written ones are more', () => {
    const [song] = groupSongs(
      ['allofme_Bb.pdf', 'allofme_Eb.pdf', 'allofme.mp3', 'AllOfMe_Chords.pdf'].map((n) => catalogueFile(n)),
    );
    expect(song?.title).toBe('All Of Me');
  });

  it('picks the same title whatever the order of the files', () => {
    const files = ['ALLOFME_Bb.pdf', 'AllOfMe_Eb.pdf'].map((n) => catalogueFile(n));
    expect(groupSongs(files)[0]?.title).toBe(groupSongs([...files].reverse())[0]?.title);
  });

  it("uses the band's display title when it set one", () => {
    const files = ['DontStopMeNow_Bb.pdf'].map((n) => catalogueFile(n));
    const [song] = groupSongs(files, new Map([['dontstopmenow', "Don't Stop Me Now"]]));
    expect(song?.title).toBe("Don't Stop Me Now");
  });

  it('sorts songs by title', () => {
    const songs = groupSongs(
      ['Summertime_Bb.pdf', 'autumnLeaves_Bb.pdf', 'BlueMoon_Bb.pdf'].map((n) => catalogueFile(n)),
    );
    expect(songs.map((s) => s.title)).toEqual(['autumn Leaves', 'Blue Moon', 'Summertime']);
  });
});
