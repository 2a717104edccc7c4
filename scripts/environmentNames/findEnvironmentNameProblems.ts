import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/** A source file, by its path relative to the repository root (forward slashes). */
export interface SourceFile {
  readonly path: string;
  readonly text: string;
}

export interface EnvironmentNameProblem {
  readonly file: string;
  readonly line: number;
  readonly rule: string;
}

/** The one registry of platform variable names; the only file outside modules allowed to spell them. */
export const REGISTRY_FILE = 'shared/contracts/platformEnvironment.ts';
/** The only reader of the registry's names on the function side. */
export const READER_FILE = 'shared/runtime/runtimeConfig.ts';

/** Folders of source that ships or renders (tests are left out on purpose: they may spell names freely). */
const SOURCE_DIRS = ['functions', 'shared', 'infra', 'scripts'];

// The families of environment variable names the platform, Lambda, the SDK, Powertools and Node use.
const ENV_NAME = /\b(?:SOLEIL_[A-Z0-9_]+|AWS_[A-Z0-9_]+|POWERTOOLS_[A-Z0-9_]+|NODE_ENV|NODE_OPTIONS)\b/g;

/** Whether a name is read or written on an environment object: `process.env.X`, `env.X`. */
const isEnvObject = (node: ts.Expression): boolean => {
  const text = node.getText();
  return text === 'process.env' || /(^|\.)env$/i.test(text);
};

/** Where a file may import the registry from: its reader and the renderers that write the environment. */
const mayImportRegistry = (file: string): boolean =>
  file === READER_FILE ||
  file.startsWith('shared/platformModel/') ||
  file.startsWith('shared/contracts/') ||
  file.startsWith('infra/') ||
  file.startsWith('scripts/');

/** Code that runs in functions reads the environment only through the reader. */
const mustNotReadEnvironment = (file: string): boolean =>
  (file.startsWith('functions/') || file.startsWith('shared/runtime/')) && file !== READER_FILE;

const isModuleFile = (file: string): boolean => file.startsWith('functions/');

/** Every environment-shaped name a file spells as a string, template part, env property or object key. */
const namesIn = (sourceFile: ts.SourceFile): { name: string; line: number }[] => {
  const found: { name: string; line: number }[] = [];
  const add = (text: string, node: ts.Node): void => {
    for (const match of text.matchAll(ENV_NAME)) {
      const line = sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile)).line + 1;
      found.push({ name: match[0], line });
    }
  };
  const visit = (node: ts.Node): void => {
    if (
      ts.isStringLiteral(node) ||
      ts.isNoSubstitutionTemplateLiteral(node) ||
      ts.isTemplateHead(node) ||
      ts.isTemplateMiddle(node) ||
      ts.isTemplateTail(node)
    ) {
      add(node.text, node);
    } else if (ts.isIdentifier(node)) {
      const parent = node.parent;
      const envProperty =
        ts.isPropertyAccessExpression(parent) && parent.name === node && isEnvObject(parent.expression);
      const objectKey = ts.isPropertyAssignment(parent) && parent.name === node;
      if (envProperty || objectKey) add(node.text, node);
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
};

/** `process.env.X`, `process.env[x]`, `env[x]` and `env.X` reads and writes. */
const environmentAccessesIn = (sourceFile: ts.SourceFile): number[] => {
  const lines: number[] = [];
  const visit = (node: ts.Node): void => {
    if (
      (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) &&
      isEnvObject(node.expression)
    ) {
      lines.push(sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile)).line + 1);
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return lines;
};

const importsRegistry = (file: SourceFile): boolean =>
  ts
    .preProcessFile(file.text, true, true)
    .importedFiles.some(
      (imported) =>
        imported.fileName.startsWith('.') &&
        path.posix.normalize(path.posix.join(path.posix.dirname(file.path), imported.fileName)) ===
          REGISTRY_FILE,
    );

/**
 * Checks "one source for each name": every environment variable name is spelled once in source outside the
 * tests; outside the modules (whose own settings they name) only in the registry; the registry is imported
 * only by its reader and the renderers; and code that runs in functions reads the environment only through
 * the reader.
 */
export const findEnvironmentNameProblems = (files: readonly SourceFile[]): EnvironmentNameProblem[] => {
  const problems: EnvironmentNameProblem[] = [];
  const spelled = new Map<string, { file: string; line: number }[]>();
  for (const file of files) {
    const sourceFile = ts.createSourceFile(file.path, file.text, ts.ScriptTarget.Latest, true);
    for (const { name, line } of namesIn(sourceFile)) {
      spelled.set(name, [...(spelled.get(name) ?? []), { file: file.path, line }]);
      if (file.path !== REGISTRY_FILE && !isModuleFile(file.path)) {
        problems.push({
          file: file.path,
          line,
          rule: `${name} is spelled outside the registry: add it to ${REGISTRY_FILE} and use the constant`,
        });
      }
    }
    if (importsRegistry(file) && !mayImportRegistry(file.path)) {
      problems.push({
        file: file.path,
        line: 1,
        rule: `imports ${REGISTRY_FILE}: read the environment through runtimeConfig (${READER_FILE})`,
      });
    }
    if (mustNotReadEnvironment(file.path)) {
      for (const line of environmentAccessesIn(sourceFile)) {
        problems.push({
          file: file.path,
          line,
          rule: `reads the environment directly: use runtimeConfig (${READER_FILE})`,
        });
      }
    }
  }
  for (const [name, places] of spelled) {
    if (places.length < 2) continue;
    for (const place of places.slice(1)) {
      problems.push({
        ...place,
        rule: `${name} is spelled again (first at ${places[0]?.file}:${places[0]?.line}): use the constant`,
      });
    }
  }
  return problems;
};

const listSources = (root: string, dir: string): string[] => {
  let entries: string[];
  try {
    entries = readdirSync(path.join(root, dir));
  } catch {
    return [];
  }
  return entries.flatMap((name) => {
    if (name === 'node_modules') return [];
    const relative = path.posix.join(dir, name);
    if (statSync(path.join(root, relative)).isDirectory()) return listSources(root, relative);
    return /\.ts$/.test(name) ? [relative] : [];
  });
};

/** The repository's shipped and rendering source files. */
export const readSourceFiles = (root: string): SourceFile[] =>
  SOURCE_DIRS.flatMap((dir) => listSources(root, dir)).map((file) => ({
    path: file,
    text: readFileSync(path.join(root, file), 'utf8'),
  }));
