import { describe, expect, it } from 'vitest';
import {
  namesFromLines,
  PARSE_NAME_USAGE,
  parseNameCommand,
} from '../../../../../functions/content/cli/parseNameCommand.ts';

const objects = (stdout: string): unknown[] =>
  stdout
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line));

describe('parseNameCommand', () => {
  it('prints one JSON object per name with every field a leader needs', () => {
    const outcome = parseNameCommand(['Charts/AllOfMe_Bb.pdf', 'AllOfMe.pdf'], undefined);
    expect(outcome.exitCode).toBe(0);
    expect(outcome.stderr).toBe('');
    const [chart, noToken] = objects(outcome.stdout);
    expect(chart).toEqual({
      name: 'Charts/AllOfMe_Bb.pdf',
      kind: 'chart',
      title: 'All Of Me',
      songTitle: 'AllOfMe',
      songKey: 'allofme',
      token: 'Bb',
      audioKind: null,
      placeholder: null,
      gigDate: null,
      gigName: null,
      extension: 'pdf',
      problems: [],
    });
    expect(noToken).toMatchObject({
      name: 'AllOfMe.pdf',
      kind: 'chart',
      token: null,
      problems: [{ code: 'missing_token', message: expect.stringContaining('members do not see it') }],
    });
  });

  it('reads the names from standard input when none are given, one a line', () => {
    const outcome = parseNameCommand([], 'Misty_Backing.wav\r\n\n2026-12-31_NewYearsEve.pdf\n');
    expect(objects(outcome.stdout)).toEqual([
      expect.objectContaining({ name: 'Misty_Backing.wav', kind: 'audio', audioKind: 'Backing' }),
      expect.objectContaining({ name: '2026-12-31_NewYearsEve.pdf', kind: 'gig', gigDate: '2026-12-31' }),
    ]);
  });

  it('prefers the arguments to standard input', () => {
    expect(objects(parseNameCommand(['Spain.mp3'], 'Misty.mp3\n').stdout)).toEqual([
      expect.objectContaining({ name: 'Spain.mp3' }),
    ]);
  });

  it('prints its usage on --help, and fails with it when there is no name at all', () => {
    expect(parseNameCommand(['--help'], undefined)).toEqual({
      stdout: PARSE_NAME_USAGE,
      stderr: '',
      exitCode: 0,
    });
    expect(parseNameCommand([], undefined)).toEqual({ stdout: '', stderr: PARSE_NAME_USAGE, exitCode: 2 });
    expect(parseNameCommand([], '\n\n')).toMatchObject({ exitCode: 2 });
  });

  it('answers an empty name as a name, not as a missing argument', () => {
    expect(objects(parseNameCommand([''], undefined).stdout)).toEqual([
      expect.objectContaining({
        name: '',
        kind: 'other',
        problems: [expect.objectContaining({ code: 'empty_name' })],
      }),
    ]);
  });
});

describe('namesFromLines', () => {
  it('keeps spaces that belong to a name and drops blank lines', () => {
    expect(namesFromLines(' Misty.mp3 \r\n\r\nSpain.mp3')).toEqual([' Misty.mp3 ', 'Spain.mp3']);
  });
});
