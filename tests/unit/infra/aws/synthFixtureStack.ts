import path from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import type { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { acknowledgeNagFindings } from '../../../../infra/aws/nagSuppressions.ts';
import { SoleilStack } from '../../../../infra/aws/SoleilStack.ts';
import { stageConfigFromContext } from '../../../../infra/aws/StageConfig.ts';
import { eventContracts } from '../../../../shared/contracts/eventCatalog.ts';
import type { ModuleManifest } from '../../../../shared/contracts/moduleManifest.ts';
import { validateEventPattern } from '../../../../shared/eventPatterns/index.ts';
import { buildPlatformModel } from '../../../../shared/platformModel/buildPlatformModel.ts';
import { loadManifests, repositoryRoot } from '../../../../shared/platformModel/loadPlatformModel.ts';
import type { PlatformModel } from '../../../../shared/platformModel/PlatformModel.ts';
import { StackTemplates } from './stackTemplates.ts';

/** The fixture `functions` folder of the CDK tests (three tiny modules: core, auth, sync). */
export const FIXTURE_FUNCTIONS_DIR = path.join(
  repositoryRoot(),
  'tests',
  'fixtures',
  'modules-cdk',
  'functions',
);

/** The fixture manifests, to be changed in memory by tests that grow the model. */
export const fixtureManifests = (): Promise<ModuleManifest[]> => loadManifests(FIXTURE_FUNCTIONS_DIR);

/** Builds a model from manifests; handler files are not checked, so tests may add handlers that do not exist. */
export const modelOf = (manifests: readonly ModuleManifest[]): PlatformModel =>
  buildPlatformModel(manifests, { eventContracts, validatePattern: validateEventPattern });

export interface SynthOptions {
  readonly stage?: 'dev' | 'prod';
  /** Bundle the functions with esbuild for real (slow-ish); by default bundling is skipped. */
  readonly bundle?: boolean;
  /** Where the cloud assembly goes. @default a temporary folder */
  readonly outdir?: string;
  /** Run the cdk-nag packs; their findings surface as a synth error. */
  readonly nag?: boolean;
  /**
   * The folder holding the model's `functions/` tree.
   * @default the fixture tree (tests/fixtures/modules-cdk)
   */
  readonly sourceRoot?: string;
  /** Module settings, as `-c soleil:config=...` would pass them. */
  readonly settings?: Record<string, string>;
  /** More CDK context, as `-c key=value` would pass it. */
  readonly context?: Record<string, unknown>;
}

export interface SynthResult {
  readonly app: App;
  readonly stack: SoleilStack;
  /** The root stack's template. */
  readonly template: Template;
  /** The root's and every module stack's template. */
  readonly templates: StackTemplates;
}

/** Renders a model into a stack the way infra/aws/app.ts does, and returns its templates. */
export const synthStack = (model: PlatformModel, options: SynthOptions = {}): SynthResult => {
  const app = new App({
    ...(options.outdir ? { outdir: options.outdir } : {}),
    context: {
      stage: options.stage ?? 'dev',
      ...(options.settings ? { 'soleil:config': JSON.stringify(options.settings) } : {}),
      ...options.context,
      ...(options.bundle ? {} : { 'aws:cdk:bundling-stacks': [] }),
    },
  });
  const config = stageConfigFromContext(app.node);
  const stack = new SoleilStack(app, `Soleil-${config.stage}`, {
    model,
    config,
    sourceRoot: options.sourceRoot ?? path.dirname(FIXTURE_FUNCTIONS_DIR),
  });
  acknowledgeNagFindings(stack);
  if (options.nag) Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app));
  const templates = new StackTemplates(stack);
  return { app, stack, template: templates.root, templates };
};
