import { TranspositionToken } from '../../../shared/contracts/bandVocabulary.ts';
import type { Song } from './songCatalogue.ts';

/** A part a song has no chart for; `announced` when a placeholder says it is being written. */
export interface MissingPart {
  readonly token: TranspositionToken;
  readonly announced: boolean;
}

/** For the leader, one token's list of songs still to write. */
export interface MissingPartsOfToken {
  readonly token: TranspositionToken;
  readonly songs: { readonly songKey: string; readonly title: string; readonly announced: boolean }[];
}

/**
 * The parts a song lacks: each token the band reads (from its members' instruments) with no chart, plus any token a
 * placeholder announces even if nobody in the band reads it yet. `Song_X` announces every token the band reads.
 */
export const missingPartsOfSong = (song: Song, bandTokens: readonly TranspositionToken[]): MissingPart[] => {
  const charted = new Set<TranspositionToken>();
  const announced = new Set<TranspositionToken>();
  for (const { reading } of song.files) {
    if (reading.kind === 'chart' && reading.token) charted.add(reading.token);
    if (reading.kind !== 'placeholder') continue;
    if (reading.token) announced.add(reading.token);
    else for (const token of bandTokens) announced.add(token);
  }
  return TranspositionToken.options
    .filter((token) => !charted.has(token) && (bandTokens.includes(token) || announced.has(token)))
    .map((token) => ({ token, announced: announced.has(token) }));
};

/** The leader's list of parts to write, per token (in the vocabulary's order), songs in catalogue order. */
export const missingPartsByToken = (
  songs: readonly Song[],
  bandTokens: readonly TranspositionToken[],
): MissingPartsOfToken[] => {
  const byToken = new Map<TranspositionToken, MissingPartsOfToken['songs']>();
  for (const song of songs) {
    for (const { token, announced } of missingPartsOfSong(song, bandTokens)) {
      const list = byToken.get(token) ?? [];
      list.push({ songKey: song.songKey, title: song.title, announced });
      byToken.set(token, list);
    }
  }
  return TranspositionToken.options.flatMap((token) => {
    const list = byToken.get(token);
    return list ? [{ token, songs: list }] : [];
  });
};
