import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repositoryRoot } from '../../../../../shared/platformModel/loadPlatformModel.ts';

const root = repositoryRoot();
const tsx = path.join(root, 'node_modules', '.bin', 'tsx');
const entry = path.join(root, 'functions', 'content', 'cli', 'parseName.ts');

describe('parse-name (the script npm runs)', () => {
  it('reads its arguments and prints JSON lines', () => {
    const run = spawnSync(tsx, [entry, 'AllOfMe_Bb.pdf', 'Summertime_X.pdf'], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    const lines = run.stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines).toEqual([
      expect.objectContaining({ name: 'AllOfMe_Bb.pdf', kind: 'chart', token: 'Bb' }),
      expect.objectContaining({ name: 'Summertime_X.pdf', kind: 'placeholder', placeholder: 'song' }),
    ]);
  });

  it('reads piped names and exits 2 with its usage when there are none', () => {
    const piped = spawnSync(tsx, [entry], { encoding: 'utf8', input: 'Spain.mp3\n' });
    expect(JSON.parse(piped.stdout)).toMatchObject({ name: 'Spain.mp3', kind: 'audio' });
    const empty = spawnSync(tsx, [entry], { encoding: 'utf8', input: '' });
    expect(empty.status).toBe(2);
    expect(empty.stderr).toContain('usage: npm run parse-name');
  });
});
