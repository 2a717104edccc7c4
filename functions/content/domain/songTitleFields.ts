import type { NameProblem } from '../../../shared/contracts/fileNameReading.ts';
import { displayTitle } from './displayTitle.ts';
import { lastPart } from './nameParts.ts';
import { nameProblems } from './nameProblems.ts';
import { songKeyOf } from './songKey.ts';

export interface SongTitleFields {
  readonly title: string;
  readonly songTitle: string;
  readonly songKey: string;
}

const SEPARATOR = /[\s_]/u;
/** `allofme` cannot be split into words; `90sPop` can (a number may lead). */
const STARTS_LOWER = /^\p{Ll}/u;

/**
 * The song fields of a title as written, noting in `problems` what does not follow the TitleCase rule. Null when
 * the title has no letter or digit (`_Bb.pdf`): such a file belongs to no song.
 */
export const songTitleFields = (written: string, problems: NameProblem[]): SongTitleFields | null => {
  const songTitle = written.trim();
  const songKey = songKeyOf(songTitle);
  const title = displayTitle(songTitle);
  if (songKey === '' || title === null) {
    problems.push(nameProblems.missingTitle());
    return null;
  }
  if (SEPARATOR.test(songTitle) || STARTS_LOWER.test(songTitle))
    problems.push(nameProblems.titleStyle(songTitle));
  const inner = lastPart(songTitle);
  if (inner && inner.word.is !== 'unknown' && inner.word.is !== 'placeholder') {
    problems.push(nameProblems.tokenInTitle(inner.part.trim()));
  }
  return { title, songTitle, songKey };
};
