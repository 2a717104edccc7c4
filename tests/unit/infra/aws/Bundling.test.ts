import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { deployedFunctions } from '../../../../infra/aws/deployedFunctions.ts';
import { fixtureManifests, modelOf, synthStack } from './synthFixtureStack.ts';

const outdir = mkdtempSync(path.join(tmpdir(), 'soleil-cdk-'));
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

describe('function bundling (the one test that bundles for real)', () => {
  it('bundles every function with local esbuild into a minified ESM file with a source map', async () => {
    // core and auth (which provides the authorizer core's user route needs): enough to prove the bundling.
    // auth with an outbox: its drain's entry is the kit's file, outside the fixture's source root.
    const model = modelOf(
      (await fixtureManifests())
        .filter((m) => m.name !== 'sync')
        .map((m) => (m.name === 'auth' ? { ...m, outbox: true } : m)),
    );
    expect(model.functions.filter((f) => f.kit).map((f) => f.id)).toEqual(['auth-drainOutbox']);
    const { app, stack } = synthStack(model, { bundle: true, outdir });
    const assembly = app.synth({ force: true });
    type SynthesizedTemplate = {
      Resources: Record<
        string,
        { Type: string; Properties: { Code: { S3Key: string }; Description?: string } }
      >;
    };
    // The root's template and each module stack's nested template, as the assembly holds them.
    const templates = [
      assembly.getStackByName(stack.stackName).template as SynthesizedTemplate,
      ...[...stack.moduleStacks.values()].map(
        (moduleStack) =>
          JSON.parse(
            readFileSync(path.join(assembly.directory, moduleStack.templateFile), 'utf8'),
          ) as SynthesizedTemplate,
      ),
    ];
    const functions = templates.flatMap((template) =>
      Object.values(template.Resources).filter((r) => r.Type === 'AWS::Lambda::Function'),
    );
    expect(functions).toHaveLength(deployedFunctions(model).length + 1);
    for (const fn of functions) {
      const assetHash = fn.Properties.Code.S3Key.replace(/\.zip$/, '');
      const assetDir = path.join(assembly.directory, `asset.${assetHash}`);
      const bundle = path.join(assetDir, 'index.mjs');
      expect(existsSync(bundle), bundle).toBe(true);
      expect(existsSync(`${bundle}.map`)).toBe(true);
      const code = readFileSync(bundle, 'utf8');
      expect(code).toMatch(/export\s*\{/);
      expect(code).toContain('sourceMappingURL=index.mjs.map');
      if (fn.Properties.Description?.includes('drainOutboxHandler')) {
        // The kit's drain, bundled from the repository although the modules come from a fixture folder.
        // Minified: its local names are gone (zod's generated code keeps indented strings, so the
        // indentation check below does not apply to it).
        expect(code).toContain('Outbox drained');
        expect(code).not.toContain('committedNothing');
      } else {
        // Minified: no indentation survives.
        expect(code).not.toMatch(/\n {2}\S/);
      }
      expect(statSync(bundle).size).toBeLessThan(1024 * 1024);
    }
    // Real esbuild runs, one per function: like BundleBudget, bounded generously so a busy machine does not fail it.
  }, 120_000);
});
