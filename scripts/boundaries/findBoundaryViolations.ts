import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export interface BoundaryViolation {
  readonly file: string;
  readonly specifier: string;
  readonly rule: string;
}

const SOURCE = /\.(ts|tsx|mts|cts|js|mjs)$/;
const AWS_PACKAGE = /^(@aws-sdk\/|@aws-lambda-powertools\/|aws-lambda$|aws-cdk-lib|@middy\/)/;

const listSources = (dir: string): string[] => {
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

/** Every module specifier a file imports, re-exports or loads dynamically. */
const importsOf = (file: string): string[] =>
  ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles.map((f) => f.fileName);

/** `functions/<module>/...` → module name; anything else → null. */
const moduleOf = (relative: string): string | null => {
  const [top, module] = relative.split(path.sep);
  return top === 'functions' && module ? module : null;
};

/**
 * Checks the layering of ARCHITECTURE.md: a module imports only itself and `shared/`; `shared/` imports neither
 * `functions/` nor `infra/`; a module's `domain/` imports no AWS package (it stays pure and testable).
 */
export const findBoundaryViolations = (root: string): BoundaryViolation[] => {
  const files = [...listSources(path.join(root, 'functions')), ...listSources(path.join(root, 'shared'))];
  const violations: BoundaryViolation[] = [];
  for (const file of files) {
    const from = path.relative(root, file);
    const fromModule = moduleOf(from);
    const inDomain = fromModule !== null && from.split(path.sep)[2] === 'domain';
    for (const specifier of importsOf(file)) {
      if (inDomain && AWS_PACKAGE.test(specifier)) {
        violations.push({ file: from, specifier, rule: 'domain code must not import an AWS package' });
        continue;
      }
      if (!specifier.startsWith('.')) continue;
      const target = path.relative(root, path.resolve(path.dirname(file), specifier));
      const [targetTop] = target.split(path.sep);
      const targetModule = moduleOf(target);
      if (fromModule !== null) {
        if (targetModule !== null && targetModule !== fromModule) {
          violations.push({
            file: from,
            specifier,
            rule: `module "${fromModule}" must not import module "${targetModule}": use an event or a declared service`,
          });
        } else if (targetTop === 'infra') {
          violations.push({ file: from, specifier, rule: `module "${fromModule}" must not import infra/` });
        } else if (targetTop !== 'functions' && targetTop !== 'shared') {
          violations.push({
            file: from,
            specifier,
            rule: `module "${fromModule}" may import only itself and shared/`,
          });
        }
      } else if (targetTop === 'functions' || targetTop === 'infra') {
        violations.push({ file: from, specifier, rule: `shared/ must not import ${targetTop}/` });
      }
    }
  }
  return violations;
};
