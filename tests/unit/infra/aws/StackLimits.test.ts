import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPlatformModel, repositoryRoot } from '../../../../shared/platformModel/loadPlatformModel.ts';
import type { Cfn } from './stackTemplates.ts';
import { synthStack } from './synthFixtureStack.ts';

/**
 * Resources a template of the app may hold. CloudFormation refuses more than 500; the budget leaves a module
 * room to grow and says, before a deploy fails, when a stack must be split.
 */
const RESOURCE_BUDGET = 400;
/** CloudFormation's limits on a template's outputs and parameters (nested stacks pass references through them). */
const OUTPUT_LIMIT = 200;
const PARAMETER_LIMIT = 200;

interface SynthesizedTemplate {
  readonly file: string;
  readonly Resources: Record<string, { Type: string; Properties?: Cfn }>;
  readonly Outputs?: Record<string, unknown>;
  readonly Parameters?: Record<string, unknown>;
}

const outdir = mkdtempSync(path.join(tmpdir(), 'soleil-limits-'));
let templates: SynthesizedTemplate[];

beforeAll(async () => {
  const model = await loadPlatformModel();
  const { app } = synthStack(model, { sourceRoot: repositoryRoot(), outdir });
  const assembly = app.synth();
  // Every template the cloud assembly holds: each stack's, and each nested stack's (whoever declares one).
  templates = readdirSync(assembly.directory)
    .filter((file) => file.endsWith('.template.json'))
    .map((file) => ({
      file,
      ...(JSON.parse(readFileSync(path.join(assembly.directory, file), 'utf8')) as Omit<
        SynthesizedTemplate,
        'file'
      >),
    }));
});
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

const countOf = (template: SynthesizedTemplate) => ({
  file: template.file,
  resources: Object.keys(template.Resources).length,
  outputs: Object.keys(template.Outputs ?? {}).length,
  parameters: Object.keys(template.Parameters ?? {}).length,
});

describe('the app rendered from this repository’s modules', () => {
  it('is a root stack and one nested stack per module', async () => {
    const model = await loadPlatformModel();
    expect(templates.filter((t) => !t.file.endsWith('.nested.template.json'))).toHaveLength(1);
    expect(templates.filter((t) => t.file.endsWith('.nested.template.json'))).toHaveLength(
      model.modules.length,
    );
  });

  it(`keeps every template under ${RESOURCE_BUDGET} resources, ${OUTPUT_LIMIT} outputs and ${PARAMETER_LIMIT} parameters`, () => {
    const counts = templates.map(countOf);
    const summary = counts
      .map((c) => `${c.file}: ${c.resources} resources, ${c.outputs} outputs, ${c.parameters} parameters`)
      .join('; ');
    const over = counts.filter(
      (c) => c.resources > RESOURCE_BUDGET || c.outputs > OUTPUT_LIMIT || c.parameters > PARAMETER_LIMIT,
    );
    expect(
      over.map((c) => c.file),
      `over budget — split the stack (see infra/aws/ModuleStack.ts). Per template: ${summary}`,
    ).toEqual([]);
  });

  it('has no reference cycle in any template (nested stacks that refer to each other would make one)', () => {
    // The assertions library refuses a template whose resources depend on each other, as CloudFormation does.
    for (const template of templates) expect(() => Template.fromJSON(template), template.file).not.toThrow();
  });

  it('keeps module resources out of the root: no route, alarm, queue or module function there', () => {
    const root = templates.find((t) => !t.file.endsWith('.nested.template.json'));
    const types = Object.values(root?.Resources ?? {}).map((r) => r.Type);
    for (const type of [
      'AWS::ApiGatewayV2::Route',
      'AWS::ApiGatewayV2::Integration',
      'AWS::CloudWatch::Alarm',
      'AWS::SQS::Queue',
      'AWS::Events::Rule',
      'AWS::DynamoDB::Table',
    ]) {
      // The catalog's table is the root's own.
      const allowed = type === 'AWS::DynamoDB::Table' ? 1 : 0;
      expect(types.filter((t) => t === type).length, type).toBe(allowed);
    }
    // The catalog writer only.
    expect(types.filter((t) => t === 'AWS::Lambda::Function')).toHaveLength(1);
  });
});
