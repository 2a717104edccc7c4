import type { TranspositionToken } from '../../../shared/contracts/bandVocabulary.ts';
import {
  MAX_FILE_NAME_LENGTH,
  type NameProblem,
  type NameProblemCode,
} from '../../../shared/contracts/fileNameReading.ts';
import {
  AUDIO_EXTENSION_LIST,
  AUDIO_KIND_LIST,
  type NamedAudioKind,
  TOKEN_LIST,
} from './namingVocabulary.ts';

/** Quotes a piece of the name, shortened so a message stays readable (and within its contract). */
const quote = (text: string): string => {
  const chars = Array.from(text);
  return `"${chars.length > 40 ? `${chars.slice(0, 39).join('')}…` : text}"`;
};

const problem = (code: NameProblemCode, message: string): NameProblem => ({ code, message });

const MEMBERS_DO_NOT_SEE = 'members do not see it (leaders do)';

/** One constructor per problem code: the message says what is wrong and what the band sees because of it. */
export const nameProblems = {
  emptyName: () => problem('empty_name', 'the name is empty: only leaders see this file, as "other"'),
  nameTooLong: (length: number) =>
    problem(
      'name_too_long',
      `the name is ${length} characters long, over the ${MAX_FILE_NAME_LENGTH} the library accepts: it is not read, ${MEMBERS_DO_NOT_SEE}`,
    ),
  surroundingSpaces: () =>
    problem('surrounding_spaces', 'the name starts or ends with spaces; they were ignored'),
  invisibleCharacters: () =>
    problem(
      'invisible_characters',
      'the name contains invisible characters (control, zero-width or direction marks); they were ignored',
    ),
  noExtension: () =>
    problem(
      'no_extension',
      `the name has no extension: charts need .pdf, audio one of ${AUDIO_EXTENSION_LIST}; ${MEMBERS_DO_NOT_SEE}`,
    ),
  unknownExtension: (extension: string, tokenLike: string | null) =>
    problem(
      'unknown_extension',
      tokenLike
        ? `${quote(tokenLike)} makes this a chart, but charts must be PDF files, not .${extension}; ${MEMBERS_DO_NOT_SEE}`
        : `.${extension} is neither a chart (.pdf) nor audio (${AUDIO_EXTENSION_LIST}); ${MEMBERS_DO_NOT_SEE}`,
    ),
  missingTitle: () =>
    problem(
      'missing_title',
      `there is no song title before the token; the file belongs to no song, ${MEMBERS_DO_NOT_SEE}`,
    ),
  titleStyle: (written: string) =>
    problem(
      'title_style',
      `the title ${quote(written)} is not TitleCase without spaces (like AllOfMe): it still names its song, but its display title may read badly`,
    ),
  tokenInTitle: (word: string) =>
    problem(
      'token_in_title',
      `the title ends in ${quote(word)}, itself a token or audio kind: only the last part after an underscore is read as one, so this may be a different song than intended`,
    ),
  missingToken: () =>
    problem(
      'missing_token',
      `a chart needs a transposition token after an underscore (AllOfMe_Bb.pdf): one of ${TOKEN_LIST}; ${MEMBERS_DO_NOT_SEE}`,
    ),
  unknownToken: (part: string, startsWith: TranspositionToken | null) =>
    problem(
      'unknown_token',
      `${quote(part)} after the last underscore is not a token${startsWith ? ` (it starts with ${startsWith} but goes on; a copy's " (1)"?)` : ''}, so it was read as part of the title; tokens are ${TOKEN_LIST}; ${MEMBERS_DO_NOT_SEE}`,
    ),
  spacedToken: (part: string) =>
    problem(
      'spaced_token',
      `the part after the last underscore, ${quote(part)}, has spaces around it; they were ignored`,
    ),
  audioKindOnChart: (kind: NamedAudioKind) =>
    problem(
      'audio_kind_on_chart',
      `${kind} is an audio kind, but this is a PDF: a chart needs a transposition token (${TOKEN_LIST}); ${MEMBERS_DO_NOT_SEE}`,
    ),
  tokenOnAudio: (token: TranspositionToken) =>
    problem(
      'token_on_audio',
      `${token} is a chart token, but this is audio: every member gets the band's audio, so it was ignored; audio kinds are ${AUDIO_KIND_LIST}`,
    ),
  invalidGigDate: (written: string) =>
    problem(
      'invalid_gig_date',
      `${written} is not a day of the calendar; the file is not a gig document, ${MEMBERS_DO_NOT_SEE}`,
    ),
  gigSeparator: (separator: string) =>
    problem(
      'gig_separator',
      `the gig date is followed by ${quote(separator)} instead of "_" (2026-12-31_NewYearsEve.pdf)`,
    ),
  missingGigName: () =>
    problem(
      'missing_gig_name',
      'the gig document has a date but no name after it (2026-12-31_NewYearsEve.pdf)',
    ),
} as const;
