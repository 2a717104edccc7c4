import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { loadPlatformModel } from '../../shared/platformModel/loadPlatformModel.ts';
import { acknowledgeNagFindings } from './nagSuppressions.ts';
import { SoleilStack } from './SoleilStack.ts';
import { stageConfigFromContext } from './StageConfig.ts';

const app = new App();
const config = stageConfigFromContext(app.node);
const model = await loadPlatformModel();

const stack = new SoleilStack(app, `Soleil-${config.stage}`, {
  model,
  config,
  description: `SOLEil platform (${config.stage}), rendered from the platform model`,
  // Only when context names them: without, the stack is environment-agnostic and synth needs no credentials.
  ...(config.account || config.region ? { env: { account: config.account, region: config.region } } : {}),
  tags: { project: 'soleil', stage: config.stage },
});
acknowledgeNagFindings(stack);
Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app));
app.synth();
