import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  describeFolderCycle,
  findFolderCycles,
  folderImports,
} from '../../../../scripts/boundaries/findFolderCycles.ts';
import { repositoryRoot } from '../../../../shared/platformModel/loadPlatformModel.ts';

describe('infra/local', () => {
  it('has no file importing from a folder that imports it back (shared names and types live in shared/)', () => {
    const cycles = findFolderCycles(folderImports(path.join(repositoryRoot(), 'infra', 'local')));
    expect(cycles.map(describeFolderCycle).join('\n')).toBe('');
  });
});
