import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const SOURCE = /\.(ts|tsx|mts|cts|js|mjs)$/;

/** Every source file under `dir` (recursively, `node_modules` skipped); none when `dir` does not exist. */
export const listSources = (dir: string): string[] => {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  return entries.flatMap((name) => {
    if (name === 'node_modules') return [];
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return listSources(full);
    return SOURCE.test(name) ? [full] : [];
  });
};

/** Every module specifier a file imports, re-exports or loads dynamically (type-only imports included). */
export const importsOf = (file: string): string[] =>
  ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles.map((f) => f.fileName);
