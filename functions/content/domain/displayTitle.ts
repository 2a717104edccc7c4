import { fitLength } from './nameText.ts';

/**
 * Where TitleCase words and numbers meet: `lO` (AllOfMe), `AT` before a lower-case letter (ATrain → A Train),
 * letter then digit (Take5), digit then capital (4Brothers). A digit then a lower-case letter is one word: "90s".
 */
const WORD_BOUNDARY =
  /(?<=\p{Ll})(?=\p{Lu})|(?<=\p{Lu})(?=\p{Lu}\p{Ll})|(?<=\p{L})(?=\p{N})|(?<=\p{N})(?=\p{Lu})/gu;
const SEPARATORS = /[_\s]+/gu;

/**
 * The words of a name part for people: `DontYouWorryBoutAThing` → "Dont You Worry Bout A Thing" (apostrophes cannot
 * be recovered; a band may override a song's display title). Null when nothing readable is left.
 */
export const displayTitle = (written: string): string | null => {
  const words = written.replace(SEPARATORS, ' ').replace(WORD_BOUNDARY, ' ').replace(SEPARATORS, ' ').trim();
  return words === '' ? null : fitLength(words);
};
