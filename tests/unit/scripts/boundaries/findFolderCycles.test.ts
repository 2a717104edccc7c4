import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  describeFolderCycle,
  type FolderImport,
  findFolderCycles,
  folderImports,
} from '../../../../scripts/boundaries/findFolderCycles.ts';
import { repositoryRoot } from '../../../../shared/platformModel/loadPlatformModel.ts';

const edge = (fromFolder: string, toFolder: string): FolderImport => ({
  fromFolder,
  toFolder,
  file: `${fromFolder}/file.ts`,
  specifier: `../${toFolder}/file.ts`,
});

describe('findFolderCycles', () => {
  it('finds none in a graph whose imports only point down', () => {
    expect(
      findFolderCycles([edge('.', 'a'), edge('.', 'b'), edge('a', 'shared'), edge('b', 'shared')]),
    ).toEqual([]);
  });

  it('finds two folders importing each other, with the imports that close the loop', () => {
    const cycles = findFolderCycles([edge('a', 'b'), edge('b', 'a'), edge('a', 'shared')]);
    expect(cycles).toEqual([{ folders: ['a', 'b'], imports: [edge('a', 'b'), edge('b', 'a')] }]);
  });

  it('finds a loop through three folders and keeps separate loops apart', () => {
    const cycles = findFolderCycles([
      edge('a', 'b'),
      edge('b', 'c'),
      edge('c', 'a'),
      edge('x', 'y'),
      edge('y', 'x'),
      edge('c', 'x'),
    ]);
    expect(cycles.map((c) => c.folders)).toEqual([
      ['a', 'b', 'c'],
      ['x', 'y'],
    ]);
  });

  it('reads the folder graph from disk: root files form the folder ".", type-only imports count', () => {
    const root = path.join(repositoryRoot(), 'tests', 'fixtures', 'folder-cycle');
    const imports = folderImports(root);
    expect(imports.map((i) => `${i.fromFolder}→${i.toFolder}`).sort()).toEqual([
      '.→alpha',
      '.→gamma',
      'alpha→beta',
      'beta→alpha',
      'gamma→names',
    ]);
    const cycles = findFolderCycles(imports);
    expect(cycles.map((c) => c.folders)).toEqual([['alpha', 'beta']]);
    expect(describeFolderCycle(cycles[0] as (typeof cycles)[number])).toContain(
      `${path.join('alpha', 'one.ts')} imports ../beta/two.ts (alpha → beta)`,
    );
  });
});
