import path from 'node:path';
import { importsOf, listSources } from './sourceImports.ts';

export interface BoundaryViolation {
  readonly file: string;
  readonly specifier: string;
  readonly rule: string;
}

const AWS_PACKAGE = /^(@aws-sdk\/|@aws-lambda-powertools\/|aws-lambda$|aws-cdk-lib|@middy\/)/;

/** `functions/<module>/...` → module name; anything else → null. */
const moduleOf = (relative: string): string | null => {
  const [top, module] = relative.split(path.sep);
  return top === 'functions' && module ? module : null;
};

/**
 * Checks the layering README.md states (section "Layout"): a module imports only itself and `shared/`;
 * `shared/` imports neither `functions/` nor `infra/`; a module's `domain/` imports no AWS package (it stays
 * pure and testable).
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
