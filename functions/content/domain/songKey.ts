import { fitLength } from './nameText.ts';

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
const NOT_ASCII_ALNUM = /[^A-Za-z0-9]+/g;
const NOT_LETTER_OR_DIGIT = /[^\p{L}\p{N}\p{M}]+/gu;

/**
 * The song a title names: lower-cased, without separators or punctuation, so `AllOfMe`, `All_Of_Me`, `all of me`
 * and `ALL-OF-ME` are one song. For other scripts: NFKC first (full-width letters, ligatures), then lower-, upper-
 * and lower-casing again, which folds what one lower-casing does not (`ẞ`, `ß` and `SS`; `ς` and `σ`), with
 * separators removed before the last step so a Greek final sigma does not depend on where a word ended; NFC last
 * recomposes marks a separator had split off.
 * Empty when the title has no letter or digit.
 */
export const songKeyOf = (title: string): string => {
  if (PRINTABLE_ASCII.test(title)) return fitLength(title.replace(NOT_ASCII_ALNUM, '').toLowerCase());
  const folded = title
    .normalize('NFKC')
    .toLowerCase()
    .toUpperCase()
    .replace(NOT_LETTER_OR_DIGIT, '')
    .toLowerCase();
  return fitLength(folded.normalize('NFC'));
};
