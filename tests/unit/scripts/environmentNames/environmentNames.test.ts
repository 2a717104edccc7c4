import { describe, expect, it } from 'vitest';
import {
  findEnvironmentNameProblems,
  readSourceFiles,
} from '../../../../scripts/environmentNames/findEnvironmentNameProblems.ts';
import { repositoryRoot } from '../../../../shared/platformModel/loadPlatformModel.ts';

describe('one source for each environment variable name', () => {
  it('holds in this repository: every name spelled once, platform names only in the registry', () => {
    const files = readSourceFiles(repositoryRoot());
    expect(files.some((f) => f.path === 'shared/contracts/platformEnvironment.ts')).toBe(true);
    expect(findEnvironmentNameProblems(files)).toEqual([]);
  });

  it('catches a name spelled twice, a platform name outside the registry, a stray import and a direct read', () => {
    const problems = findEnvironmentNameProblems([
      {
        path: 'shared/contracts/platformEnvironment.ts',
        text: "export const PLATFORM_ENV = { module: 'SOLEIL_MODULE' };",
      },
      { path: 'infra/local/thing.ts', text: "const port = process.env['SOLEIL_MODULE'];" },
      {
        path: 'functions/drive/config/driveConfig.ts',
        text: "export const DRIVE_ENV = { folder: 'SOLEIL_DRIVE_FOLDER' };",
      },
      {
        path: 'functions/drive/handlers/scan.ts',
        text: [
          "import { PLATFORM_ENV } from '../../../shared/contracts/platformEnvironment.ts';",
          'const folder = process.env.SOLEIL_DRIVE_FOLDER;',
          'const region = env[`AWS_REGION`];',
        ].join('\n'),
      },
    ]);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          file: 'infra/local/thing.ts',
          rule: expect.stringMatching(/SOLEIL_MODULE is spelled outside the registry/),
        }),
        expect.objectContaining({
          file: 'infra/local/thing.ts',
          rule: expect.stringMatching(
            /SOLEIL_MODULE is spelled again \(first at shared\/contracts\/platformEnvironment.ts:1\)/,
          ),
        }),
        expect.objectContaining({
          file: 'functions/drive/handlers/scan.ts',
          line: 2,
          rule: expect.stringMatching(/SOLEIL_DRIVE_FOLDER is spelled again/),
        }),
        expect.objectContaining({
          file: 'functions/drive/handlers/scan.ts',
          line: 1,
          rule: expect.stringMatching(
            /imports shared\/contracts\/platformEnvironment.ts: read the environment/,
          ),
        }),
        expect.objectContaining({
          file: 'functions/drive/handlers/scan.ts',
          line: 3,
          rule: expect.stringMatching(/reads the environment directly/),
        }),
      ]),
    );
    // A module's own setting, spelled once in its own folder, is fine; so is the registry itself.
    expect(problems.some((p) => p.file === 'functions/drive/config/driveConfig.ts')).toBe(false);
    expect(problems.some((p) => p.file === 'shared/contracts/platformEnvironment.ts')).toBe(false);
    expect(problems).toHaveLength(6);
  });
});
