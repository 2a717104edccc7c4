import { MAX_FILE_NAME_LENGTH } from '../../../shared/contracts/fileNameReading.ts';

/** Printable ASCII needs none of the Unicode work below: the common case stays cheap. */
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/**
 * Characters nobody sees but that would split a token from its spelling or reorder a displayed title: controls,
 * zero-width space, direction marks, bidi embeddings/overrides/isolates, word joiner, byte-order mark. The zero-width
 * joiner stays: emoji sequences need it.
 */
const INVISIBLE = /[\p{Cc}\u200B\u200E\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF]/gu;

export interface CleanedName {
  /** NFC (file systems such as macOS's hand names over decomposed), invisible characters removed, trimmed. */
  readonly text: string;
  readonly hadInvisible: boolean;
  readonly hadSurroundingSpaces: boolean;
}

/** The name as the rules read it. */
export const cleanName = (name: string): CleanedName => {
  let text = name;
  let hadInvisible = false;
  if (!PRINTABLE_ASCII.test(name)) {
    const visible = name.replace(INVISIBLE, '');
    hadInvisible = visible.length !== name.length;
    text = visible.normalize('NFC');
  }
  const trimmed = text.trim();
  return { text: trimmed, hadInvisible, hadSurroundingSpaces: trimmed.length !== text.length };
};

/** Cuts text to the longest length a reading may carry, never between the halves of a surrogate pair. */
export const fitLength = (text: string, max = MAX_FILE_NAME_LENGTH): string => {
  if (text.length <= max) return text;
  const last = text.charCodeAt(max - 1);
  const cut = last >= 0xd800 && last <= 0xdbff ? max - 1 : max;
  return text.slice(0, cut);
};
