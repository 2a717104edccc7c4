import path from 'node:path';
import { importsOf, listSources } from './sourceImports.ts';

/** One import from a file in one folder to a file in another, folders relative to the scanned root. */
export interface FolderImport {
  readonly fromFolder: string;
  readonly toFolder: string;
  /** The importing file, relative to the scanned root. */
  readonly file: string;
  readonly specifier: string;
}

/** Folders that import one another, directly or round a loop, with the imports that close it. */
export interface FolderCycle {
  readonly folders: readonly string[];
  readonly imports: readonly FolderImport[];
}

/** The folder of a path relative to the root; files directly in the root belong to the folder `.`. */
const folderOf = (relative: string): string => {
  const folder = path.dirname(relative);
  return folder === '' ? '.' : folder;
};

/**
 * Every relative import between two different folders under `root` (imports leaving `root` are not its
 * business). Each folder is a node of its own: `a/` and `a/b/` are two folders.
 */
export const folderImports = (root: string): FolderImport[] =>
  listSources(root).flatMap((file) => {
    const from = path.relative(root, file);
    return importsOf(file)
      .filter((specifier) => specifier.startsWith('.'))
      .flatMap((specifier) => {
        const target = path.relative(root, path.resolve(path.dirname(file), specifier));
        if (target.startsWith('..') || path.isAbsolute(target)) return [];
        const fromFolder = folderOf(from);
        const toFolder = folderOf(target);
        return fromFolder === toFolder ? [] : [{ fromFolder, toFolder, file: from, specifier }];
      });
  });

/**
 * The strongly connected groups of the folder graph (Tarjan): each group of two or more folders is a cycle,
 * reported with the imports between its members, so the message names the files to change.
 */
export const findFolderCycles = (imports: readonly FolderImport[]): FolderCycle[] => {
  const next = new Map<string, Set<string>>();
  for (const i of imports) {
    if (!next.has(i.fromFolder)) next.set(i.fromFolder, new Set());
    if (!next.has(i.toFolder)) next.set(i.toFolder, new Set());
    next.get(i.fromFolder)?.add(i.toFolder);
  }
  const index = new Map<string, number>();
  const lowLink = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  const visit = (folder: string): void => {
    index.set(folder, index.size);
    lowLink.set(folder, index.get(folder) ?? 0);
    stack.push(folder);
    onStack.add(folder);
    for (const target of next.get(folder) ?? []) {
      if (!index.has(target)) {
        visit(target);
        lowLink.set(folder, Math.min(lowLink.get(folder) ?? 0, lowLink.get(target) ?? 0));
      } else if (onStack.has(target)) {
        lowLink.set(folder, Math.min(lowLink.get(folder) ?? 0, index.get(target) ?? 0));
      }
    }
    if (lowLink.get(folder) !== index.get(folder)) return;
    const group: string[] = [];
    let member: string | undefined;
    do {
      member = stack.pop();
      if (member === undefined) break;
      onStack.delete(member);
      group.push(member);
    } while (member !== folder);
    if (group.length > 1) groups.push(group.sort());
  };
  for (const folder of [...next.keys()].sort()) if (!index.has(folder)) visit(folder);
  return groups
    .sort((a, b) => (a[0] ?? '').localeCompare(b[0] ?? ''))
    .map((folders) => {
      const members = new Set(folders);
      return {
        folders,
        imports: imports.filter((i) => members.has(i.fromFolder) && members.has(i.toFolder)),
      };
    });
};

/** A cycle as one line per import, for a test failure that says what to move. */
export const describeFolderCycle = (cycle: FolderCycle): string =>
  [
    `${cycle.folders.join(' ↔ ')} import one another:`,
    ...cycle.imports.map((i) => `  ${i.file} imports ${i.specifier} (${i.fromFolder} → ${i.toFolder})`),
  ].join('\n');
