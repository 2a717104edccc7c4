import { describe, expect, it } from 'vitest';
import { memberSongView } from '../../../../../functions/content/domain/memberSongView.ts';
import { songOf } from '../../../../helpers/catalogueFiles.ts';

const ref = (name: string) => ({ fileId: `f-${name}`, name });

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

  it("gives a trumpet player their charts, every recording, and the count DOMAIN.md's list shows", () => {
    expect(memberSongView(song, ['Bb'])).toEqual({
      songKey: 'allofme',
      title: 'All Of Me',
      parts: [{ token: 'Bb', status: 'available', charts: [ref('AllOfMe_Bb.pdf'), ref('All_Of_Me_Bb.pdf')] }],
      audio: [
        { ...ref('AllOfMe.mp3'), audioKind: 'performance' },
        { ...ref('AllOfMe_Ref.mp3'), audioKind: 'Ref' },
        { ...ref('AllOfMe_Backing.mp3'), audioKind: 'Backing' },
      ],
      fileCount: 5,
    });
  });

  it('shows "part coming" where a placeholder announces the part, and "missing" where nothing does', () => {
    expect(memberSongView(song, ['Concert', 'Lyrics', 'Eb']).parts).toEqual([
      { token: 'Eb', status: 'available', charts: [ref('AllOfMe_Eb.pdf')] },
      { token: 'Concert', status: 'coming' },
      { token: 'Lyrics', status: 'missing' },
    ]);
  });

  it('announces every part with a song placeholder, but a chart wins over it', () => {
    const announced = songOf('Summertime_X.pdf', 'Summertime_Chords.pdf');
    expect(memberSongView(announced, ['Chords', 'BassClef']).parts).toEqual([
      { token: 'BassClef', status: 'coming' },
      { token: 'Chords', status: 'available', charts: [ref('Summertime_Chords.pdf')] },
    ]);
  });

  it('never shows charts of other tokens, nor a chart without a token', () => {
    const view = memberSongView(song, ['Chords']);
    expect(view.parts).toEqual([{ token: 'Chords', status: 'missing' }]);
    expect(view.fileCount).toBe(3);
  });
});
