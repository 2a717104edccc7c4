import { type AudioKind, TranspositionToken } from '../../../shared/contracts/bandVocabulary.ts';
import type { CatalogueFile, Song } from './songCatalogue.ts';

export interface FileRef {
  readonly fileId: string;
  readonly name: string;
}

/** What a member finds for one of their tokens: the chart(s), "part coming" (a placeholder), or nothing yet. */
export type MemberPart =
  | { readonly token: TranspositionToken; readonly status: 'available'; readonly charts: FileRef[] }
  | { readonly token: TranspositionToken; readonly status: 'coming' }
  | { readonly token: TranspositionToken; readonly status: 'missing' };

export interface MemberAudio extends FileRef {
  readonly audioKind: AudioKind;
}

/** A song as one member sees it: their parts, every recording, and how many files that makes. */
export interface MemberSongView {
  readonly songKey: string;
  readonly title: string;
  readonly parts: MemberPart[];
  readonly audio: MemberAudio[];
  /** Charts for the member's tokens plus recordings: "All Of Me — 6 files". */
  readonly fileCount: number;
}

/** Performance tracks first, then what musicians practise with. */
const AUDIO_ORDER: readonly AudioKind[] = ['performance', 'Ref', 'Backing', 'Cues', 'SPL'];

const ref = ({ fileId, name }: CatalogueFile): FileRef => ({ fileId, name });

const partFor = (song: Song, token: TranspositionToken): MemberPart => {
  const charts = song.files.filter((f) => f.reading.kind === 'chart' && f.reading.token === token).map(ref);
  if (charts.length > 0) return { token, status: 'available', charts };
  const announced = song.files.some(
    ({ reading }) =>
      reading.kind === 'placeholder' && (reading.placeholder === 'song' || reading.token === token),
  );
  return announced ? { token, status: 'coming' } : { token, status: 'missing' };
};

/**
 * The member view of a song (DOMAIN.md): for each token the member reads, their chart(s) or "part coming" when
 * a placeholder announces it — never an empty file — or "missing"; and every recording. Charts for other tokens,
 * charts without a token and placeholders for others stay hidden.
 */
export const memberSongView = (song: Song, memberTokens: readonly TranspositionToken[]): MemberSongView => {
  const parts = TranspositionToken.options
    .filter((t) => memberTokens.includes(t))
    .map((t) => partFor(song, t));
  const audio = song.files
    .flatMap(({ fileId, name, reading }) =>
      reading.kind === 'audio' && reading.audioKind ? [{ fileId, name, audioKind: reading.audioKind }] : [],
    )
    .sort(
      (a, b) =>
        AUDIO_ORDER.indexOf(a.audioKind) - AUDIO_ORDER.indexOf(b.audioKind) || (a.name < b.name ? -1 : 1),
    );
  const charts = parts.reduce((n, part) => n + (part.status === 'available' ? part.charts.length : 0), 0);
  return { songKey: song.songKey, title: song.title, parts, audio, fileCount: charts + audio.length };
};
