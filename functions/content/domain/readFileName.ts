import type { LibraryFileKind } from '../../../shared/contracts/bandVocabulary.ts';
import {
  type FileNameReading,
  MAX_FILE_NAME_LENGTH,
  type NameProblem,
} from '../../../shared/contracts/fileNameReading.ts';
import { displayTitle } from './displayTitle.ts';
import { type GigDatePrefix, gigDatePrefix } from './gigDate.ts';
import { type LastPart, lastPart } from './nameParts.ts';
import { nameProblems } from './nameProblems.ts';
import { cleanName } from './nameText.ts';
import { AUDIO_EXTENSIONS, CHART_EXTENSION } from './namingVocabulary.ts';
import { type SongTitleFields, songTitleFields } from './songTitleFields.ts';
import { lastPathSegment, splitExtension } from './splitExtension.ts';

/** What a rule adds to a reading besides the song. */
type ReadingExtras = Partial<
  Pick<FileNameReading, 'token' | 'audioKind' | 'placeholder' | 'gigDate' | 'gigName'>
>;

// Every field spelled out, in one order: one object shape for every reading, and JSON printed in that order.
const reading = (
  kind: LibraryFileKind,
  extension: string,
  problems: NameProblem[],
  song: SongTitleFields | null = null,
  extras: ReadingExtras = {},
): FileNameReading => ({
  kind,
  title: song?.title ?? null,
  songTitle: song?.songTitle ?? null,
  songKey: song?.songKey ?? null,
  token: extras.token ?? null,
  audioKind: extras.audioKind ?? null,
  placeholder: extras.placeholder ?? null,
  gigDate: extras.gigDate ?? null,
  gigName: extras.gigName ?? null,
  extension,
  problems,
});

/** A file without a song title belongs to no song: it is listed as "other". */
const songReading = (
  kind: LibraryFileKind,
  extension: string,
  problems: NameProblem[],
  song: SongTitleFields | null,
  extras: ReadingExtras = {},
): FileNameReading =>
  song ? reading(kind, extension, problems, song, extras) : reading('other', extension, problems);

const noteSpacing = (last: LastPart, problems: NameProblem[]): void => {
  if (last.spaced) problems.push(nameProblems.spacedToken(last.part));
};

const readGigDocument = (gig: GigDatePrefix, extension: string, problems: NameProblem[]): FileNameReading => {
  if (!gig.valid) {
    problems.push(nameProblems.invalidGigDate(gig.written));
    return reading('other', extension, problems);
  }
  if (gig.separator !== '' && gig.separator !== '_') problems.push(nameProblems.gigSeparator(gig.separator));
  const gigName = displayTitle(gig.rest);
  if (gigName === null) problems.push(nameProblems.missingGigName());
  if (extension === '') problems.push(nameProblems.noExtension());
  return reading('gig', extension, problems, null, { gigDate: gig.written, gigName });
};

/** `Song_X.ext` (no part for anyone yet) or `Song_Bb_X.ext` (none for that token yet). */
const readPlaceholder = (head: string, extension: string, problems: NameProblem[]): FileNameReading => {
  const tokenPart = lastPart(head);
  if (tokenPart?.word.is === 'token') {
    noteSpacing(tokenPart, problems);
    const song = songTitleFields(tokenPart.head, problems);
    if (extension === '') problems.push(nameProblems.noExtension());
    return songReading('placeholder', extension, problems, song, {
      token: tokenPart.word.token,
      placeholder: 'token',
    });
  }
  const song = songTitleFields(head, problems);
  if (extension === '') problems.push(nameProblems.noExtension());
  return songReading('placeholder', extension, problems, song, { placeholder: 'song' });
};

const readChart = (base: string, last: LastPart | null, problems: NameProblem[]): FileNameReading => {
  if (last?.word.is === 'token') {
    noteSpacing(last, problems);
    const song = songTitleFields(last.head, problems);
    return songReading('chart', CHART_EXTENSION, problems, song, { token: last.word.token });
  }
  if (last?.word.is === 'audio_kind') {
    noteSpacing(last, problems);
    const song = songTitleFields(last.head, problems);
    problems.push(nameProblems.audioKindOnChart(last.word.audioKind));
    return songReading('chart', CHART_EXTENSION, problems, song);
  }
  const song = songTitleFields(base, problems);
  if (last?.word.is === 'unknown')
    problems.push(nameProblems.unknownToken(last.part, last.word.startsWithToken));
  else problems.push(nameProblems.missingToken());
  return songReading('chart', CHART_EXTENSION, problems, song);
};

const readAudio = (
  base: string,
  last: LastPart | null,
  extension: string,
  problems: NameProblem[],
): FileNameReading => {
  if (last?.word.is === 'audio_kind') {
    noteSpacing(last, problems);
    const song = songTitleFields(last.head, problems);
    return songReading('audio', extension, problems, song, { audioKind: last.word.audioKind });
  }
  if (last?.word.is === 'token') {
    noteSpacing(last, problems);
    const song = songTitleFields(last.head, problems);
    problems.push(nameProblems.tokenOnAudio(last.word.token));
    return songReading('audio', extension, problems, song, { audioKind: 'performance' });
  }
  // Audio kinds match whole parts only: `Spain.mp3` and `90sPop.mp3` are performance tracks.
  const song = songTitleFields(base, problems);
  return songReading('audio', extension, problems, song, { audioKind: 'performance' });
};

const readOther = (last: LastPart | null, extension: string, problems: NameProblem[]): FileNameReading => {
  if (extension === '') problems.push(nameProblems.noExtension());
  else
    problems.push(
      nameProblems.unknownExtension(extension, last?.word.is === 'token' ? last.word.token : null),
    );
  return reading('other', extension, problems);
};

/**
 * Reads one library file name (DOMAIN.md, "The library and file naming"): its kind, song, token or audio kind,
 * gig date and name, and the problems that make it non-conforming. Every string gets an answer; nothing throws.
 * Rules apply in this order: a leading `YYYY-MM-DD` makes a gig document; a last part `X` a placeholder; then the
 * extension decides between chart (PDF), audio and other.
 */
export const readFileName = (name: string): FileNameReading => {
  if (name.length > MAX_FILE_NAME_LENGTH)
    return reading('other', '', [nameProblems.nameTooLong(name.length)]);
  const cleaned = cleanName(name);
  if (cleaned.text === '') return reading('other', '', [nameProblems.emptyName()]);
  const problems: NameProblem[] = [];
  if (cleaned.hadSurroundingSpaces) problems.push(nameProblems.surroundingSpaces());
  if (cleaned.hadInvisible) problems.push(nameProblems.invisibleCharacters());
  const { base, extension } = splitExtension(cleaned.text);

  const gig = gigDatePrefix(base);
  if (gig) return readGigDocument(gig, extension, problems);
  const last = lastPart(base);
  if (last?.word.is === 'placeholder') {
    noteSpacing(last, problems);
    return readPlaceholder(last.head, extension, problems);
  }
  if (extension === CHART_EXTENSION) return readChart(base, last, problems);
  if (AUDIO_EXTENSIONS.has(extension)) return readAudio(base, last, extension, problems);
  return readOther(last, extension, problems);
};

/** Reads the file name at the end of a library path: the folders never change what it means. */
export const readLibraryPath = (path: string): FileNameReading => readFileName(lastPathSegment(path));
