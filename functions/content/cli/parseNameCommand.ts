import { readLibraryPath } from '../domain/readFileName.ts';

export interface CommandOutcome {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number;
}

export const PARSE_NAME_USAGE = `usage: npm run parse-name -- <name or library path>...
       ls Library/Charts | npm run -s parse-name
Prints one JSON object per name: what the content module reads in it (kind, title, songKey, token, audioKind,
placeholder, gigDate, gigName, problems). Folders in a path are ignored, as they are in the library.
npm's -s keeps its own lines out of the output (for jq).
`;

/** Names piped in, one a line (`ls`, `find`); blank lines are not names. */
export const namesFromLines = (text: string): string[] => text.split(/\r?\n/).filter((line) => line !== '');

/**
 * `npm run parse-name`: the names come from the arguments, else from the lines of standard input. Nothing here
 * touches the process, so the command is tested in-process.
 */
export const parseNameCommand = (args: readonly string[], stdinText: string | undefined): CommandOutcome => {
  if (args.includes('--help') || args.includes('-h'))
    return { stdout: PARSE_NAME_USAGE, stderr: '', exitCode: 0 };
  const names = args.length > 0 ? args : namesFromLines(stdinText ?? '');
  if (names.length === 0) return { stdout: '', stderr: PARSE_NAME_USAGE, exitCode: 2 };
  const lines = names.map((name) => JSON.stringify({ name, ...readLibraryPath(name) }));
  return { stdout: `${lines.join('\n')}\n`, stderr: '', exitCode: 0 };
};
