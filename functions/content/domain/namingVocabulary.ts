import type { AudioKind, TranspositionToken } from '../../../shared/contracts/bandVocabulary.ts';

/** Charts are PDF only. */
export const CHART_EXTENSION = 'pdf';

export const AUDIO_EXTENSIONS: ReadonlySet<string> = new Set([
  'mp3',
  'wav',
  'm4a',
  'aac',
  'flac',
  'ogg',
  'wma',
]);

/** The last part of `Song_X.pdf` / `Song_Bb_X.pdf`, compared lower-cased. */
export const PLACEHOLDER_MARK = 'x';

/**
 * Every spelling of a transposition token, lower-cased, to its canonical form. `bass` is the bass-clef part (what
 * trombones and tubas read), not the bass player's: bass players read chords (DOMAIN.md, "Aliases").
 */
export const TOKEN_SPELLINGS: ReadonlyMap<string, TranspositionToken> = new Map([
  ['bb', 'Bb'],
  ['eb', 'Eb'],
  ['concert', 'Concert'],
  ['bassclef', 'BassClef'],
  ['bass', 'BassClef'],
  ['chords', 'Chords'],
  ['chord', 'Chords'],
  ['lyrics', 'Lyrics'],
]);

export type NamedAudioKind = Exclude<AudioKind, 'performance'>;

/** Audio kinds, lower-cased to canonical; an audio name without one is a performance track. */
export const AUDIO_KIND_SPELLINGS: ReadonlyMap<string, NamedAudioKind> = new Map([
  ['ref', 'Ref'],
  ['backing', 'Backing'],
  ['cues', 'Cues'],
  ['spl', 'SPL'],
]);

/** How problem messages list the vocabulary, so a leader reading one knows what would have worked. */
export const TOKEN_LIST = 'Bb, Eb, Concert, BassClef, Chords, Lyrics (or Bass, Chord)';
export const AUDIO_KIND_LIST = 'Ref, Backing, Cues, SPL';
export const AUDIO_EXTENSION_LIST = [...AUDIO_EXTENSIONS].join(', ');
