import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findBoundaryViolations } from '../../../../scripts/boundaries/findBoundaryViolations.ts';
import { repositoryRoot } from '../../../../shared/platformModel/loadPlatformModel.ts';

describe('module boundaries', () => {
  it('hold in this repository', () => {
    expect(findBoundaryViolations(repositoryRoot())).toEqual([]);
  });

  it('are enforced: the check catches every kind of violation in a fixture', () => {
    const fixture = path.join(repositoryRoot(), 'tests', 'fixtures', 'boundary-violation');
    const violations = findBoundaryViolations(fixture);
    expect(violations).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          specifier: '@aws-sdk/client-dynamodb',
          rule: 'domain code must not import an AWS package',
        }),
        expect.objectContaining({
          specifier: '../../beta/thing.ts',
          rule: expect.stringMatching(/module "alpha" must not import module "beta"/),
        }),
        expect.objectContaining({
          specifier: '../../../infra/thing.ts',
          rule: 'module "alpha" must not import infra/',
        }),
        expect.objectContaining({
          file: path.join('shared', 'thing.ts'),
          rule: 'shared/ must not import functions/',
        }),
      ]),
    );
    // The static and the dynamic import of beta are both caught; the module's own and shared imports are not.
    expect(violations.filter((v) => v.specifier === '../../beta/thing.ts')).toHaveLength(2);
    expect(violations).toHaveLength(5);
  });
});
