import { type AudioKind, TranspositionToken } from '../../../shared/contracts/bandVocabulary.ts';
import type { CatalogueFile, Song } from './songCatalogue.ts';

/**
 * A song as one member sees it (the shape of content_service's `SongView`, with the module's own file records):
 * their charts, every recording, the parts a placeholder announces and the parts nothing announces yet.
 */
export interface MemberSongView<F extends CatalogueFile = CatalogueFile> {
  readonly songKey: string;
  readonly title: string;
  /** Charts for the member's tokens, in the vocabulary's token order, then by name. */
  readonly charts: F[];
  /** Performance tracks first, then Ref, Backing, Cues, SPL. */
  readonly audio: F[];
  /** The member's tokens with a placeholder and no chart: "part coming", never an empty file. */
  readonly partComing: TranspositionToken[];
  /** The member's tokens with neither chart nor placeholder. */
  readonly missing: TranspositionToken[];
  /** Charts plus recordings: "All Of Me — 6 files". */
  readonly fileCount: number;
}

const AUDIO_ORDER: readonly AudioKind[] = ['performance', 'Ref', 'Backing', 'Cues', 'SPL'];

const audioRank = (file: CatalogueFile): number =>
  AUDIO_ORDER.indexOf(file.reading.audioKind ?? 'performance');

const announces = ({ reading }: CatalogueFile, token: TranspositionToken): boolean =>
  reading.kind === 'placeholder' && (reading.placeholder === 'song' || reading.token === token);

/**
 * The member view of a song (DOMAIN.md): for each token the member reads, their chart(s), else "part coming" when a
 * placeholder announces it, else missing; and every recording. Charts for other tokens, charts without a token and
 * placeholders for others stay hidden. Files keep the song's order (by name) within a token.
 */
export const memberSongView = <F extends CatalogueFile>(
  song: Song<F>,
  memberTokens: readonly TranspositionToken[],
): MemberSongView<F> => {
  const charts: F[] = [];
  const partComing: TranspositionToken[] = [];
  const missing: TranspositionToken[] = [];
  for (const token of TranspositionToken.options.filter((t) => memberTokens.includes(t))) {
    const forToken = song.files.filter((f) => f.reading.kind === 'chart' && f.reading.token === token);
    if (forToken.length > 0) charts.push(...forToken);
    else if (song.files.some((f) => announces(f, token))) partComing.push(token);
    else missing.push(token);
  }
  const audio = song.files
    .filter((f) => f.reading.kind === 'audio')
    .sort((a, b) => audioRank(a) - audioRank(b));
  return {
    songKey: song.songKey,
    title: song.title,
    charts,
    audio,
    partComing,
    missing,
    fileCount: charts.length + audio.length,
  };
};
