import type { TranspositionToken } from '../../../shared/contracts/bandVocabulary.ts';
import {
  AUDIO_KIND_SPELLINGS,
  type NamedAudioKind,
  PLACEHOLDER_MARK,
  TOKEN_SPELLINGS,
} from './namingVocabulary.ts';

/** What the part after the last underscore is, when it is a word the rules know. */
export type NameWord =
  | { readonly is: 'token'; readonly token: TranspositionToken }
  | { readonly is: 'audio_kind'; readonly audioKind: NamedAudioKind }
  | { readonly is: 'placeholder' }
  | { readonly is: 'unknown'; readonly startsWithToken: TranspositionToken | null };

export interface LastPart {
  /** Everything before the last underscore. */
  readonly head: string;
  /** The part after it, as written. */
  readonly part: string;
  readonly word: NameWord;
  /** The part had spaces around a word the rules know (`Song_ Bb`). */
  readonly spaced: boolean;
}

const LETTER = /\p{L}/u;

/** `Bb (1)`, `Chords-v2`: starts with a token followed by something that is not a letter (so not `Bbq`). */
const tokenPrefixOf = (lower: string): TranspositionToken | null => {
  let found: { spelling: string; token: TranspositionToken } | null = null;
  for (const [spelling, token] of TOKEN_SPELLINGS) {
    if (!lower.startsWith(spelling) || LETTER.test(lower.charAt(spelling.length))) continue;
    if (!found || spelling.length > found.spelling.length) found = { spelling, token };
  }
  return found?.token ?? null;
};

/** Every word the rules know, lower-cased, read once here rather than on every name. */
const KNOWN_WORDS: ReadonlyMap<string, NameWord> = new Map<string, NameWord>([
  ...[...TOKEN_SPELLINGS].map(([spelling, token]): [string, NameWord] => [spelling, { is: 'token', token }]),
  ...[...AUDIO_KIND_SPELLINGS].map(([spelling, audioKind]): [string, NameWord] => [
    spelling,
    { is: 'audio_kind', audioKind },
  ]),
  [PLACEHOLDER_MARK, { is: 'placeholder' }],
]);

/** Reads one part of a name as a token, alias, audio kind or placeholder mark, ignoring case. */
export const nameWord = (part: string): NameWord => {
  const lower = part.toLowerCase();
  return KNOWN_WORDS.get(lower) ?? { is: 'unknown', startsWithToken: tokenPrefixOf(lower) };
};

/**
 * Splits a base name at its last underscore: "more than one underscore: the last part is the token, the rest the
 * title". Null when there is no underscore, so the whole base is the title.
 */
export const lastPart = (base: string): LastPart | null => {
  const cut = base.lastIndexOf('_');
  if (cut < 0) return null;
  const part = base.slice(cut + 1);
  const trimmed = part.trim();
  const word = nameWord(trimmed);
  return {
    head: base.slice(0, cut),
    part,
    word,
    spaced: word.is !== 'unknown' && trimmed.length !== part.length,
  };
};
