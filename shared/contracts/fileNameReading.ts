import * as z from 'zod';
import { AudioKind, LibraryFileKind, TranspositionToken } from './bandVocabulary.ts';
import { SongKey } from './services/contentServices.ts';

/** Names are user input of up to this many UTF-16 code units (DOMAIN.md); every text the reader returns fits too. */
export const MAX_FILE_NAME_LENGTH = 255;

/** Extensions the reader recognises are letters and digits, at most this long (`.pdf`, `.flac`). */
export const MAX_EXTENSION_LENGTH = 16;

/** Why a name does not follow the naming rules of DOMAIN.md; each code has one human explanation. */
export const NameProblemCode = z.enum([
  'empty_name',
  'name_too_long',
  'surrounding_spaces',
  'invisible_characters',
  'no_extension',
  'unknown_extension',
  'missing_title',
  'title_style',
  'token_in_title',
  'missing_token',
  'unknown_token',
  'spaced_token',
  'audio_kind_on_chart',
  'token_on_audio',
  'invalid_gig_date',
  'gig_separator',
  'missing_gig_name',
]);
export type NameProblemCode = z.infer<typeof NameProblemCode>;

export const NameProblem = z
  .object({
    code: NameProblemCode,
    message: z.string().min(1).max(500).describe('What is wrong and what the band sees because of it'),
  })
  .strict();
export type NameProblem = z.infer<typeof NameProblem>;

/** `Song_X.pdf` announces a part for nobody yet (`song`); `Song_Bb_X.pdf` a part for one token (`token`). */
export const PlaceholderScope = z.enum(['song', 'token']);
export type PlaceholderScope = z.infer<typeof PlaceholderScope>;

const DisplayText = z.string().min(1).max(MAX_FILE_NAME_LENGTH);

/**
 * What the content module's name reader makes of one library file name (DOMAIN.md, "The library and file
 * naming"). The folder a file sits in never changes it. `problems` is empty exactly when the name conforms.
 */
export const FileNameReading = z
  .object({
    kind: LibraryFileKind,
    title: DisplayText.nullable().describe(
      'Display title ("All Of Me"); null for gig documents and other files',
    ),
    songTitle: DisplayText.nullable().describe('The title as written in the name ("AllOfMe", "All_Of_Me")'),
    songKey: SongKey.nullable().describe(
      'The title lower-cased, letters and digits only: two spellings of one song share it',
    ),
    token: TranspositionToken.nullable().describe('Canonical token of a chart or of a token placeholder'),
    audioKind: AudioKind.nullable().describe('Audio files only; `performance` when the name has no kind'),
    placeholder: PlaceholderScope.nullable().describe(
      'Placeholders only: `song` for Song_X (no part for anyone yet), `token` for Song_Bb_X (none for that token)',
    ),
    gigDate: z.iso.date().nullable(),
    gigName: DisplayText.nullable().describe('Display form of the name after the date ("New Years Eve")'),
    extension: z
      .string()
      .max(MAX_EXTENSION_LENGTH)
      .regex(/^[a-z0-9]*$/)
      .describe('Lower-cased; empty when the name has none'),
    problems: z.array(NameProblem).max(NameProblemCode.options.length),
  })
  .strict();
export type FileNameReading = z.infer<typeof FileNameReading>;
