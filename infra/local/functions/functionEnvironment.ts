import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { RUNTIME_ENV } from '../../../shared/contracts/platformEnvironment.ts';
import { functionEnvironment } from '../../../shared/platformModel/functionEnvironment.ts';
import type { FunctionModel, PlatformModel } from '../../../shared/platformModel/PlatformModel.ts';
import { LOCAL_AWS_CREDENTIALS, LOCAL_AWS_REGION, LOCAL_NAMES } from '../shared/localNames.ts';

/** Where the functions' AWS SDK clients must go instead of AWS. */
export interface LocalEndpoints {
  /** DynamoDB Local. */
  readonly dynamodb: string;
  /** The local AWS endpoint (EventBridge, Lambda, API Gateway management, S3, Secrets Manager). */
  readonly aws: string;
}

/**
 * A function's environment, as the CDK stack would set it on the Lambda: platform variables, its module's
 * tables (local physical names), region and fake credentials, and `AWS_ENDPOINT_URL_<SERVICE>` so the real
 * SDK v3 clients talk to the local endpoints without the handler knowing. Where AWS names a module's KMS
 * signing key, the embedded platform names a folder of its own for the key pairs (a `file:` URL under
 * `signingKeysDir`), outside DynamoDB; without `signingKeysDir`, signing keys are not given.
 */
export const localFunctionEnvironment = (
  model: PlatformModel,
  fn: FunctionModel,
  endpoints: LocalEndpoints,
  extra: Readonly<Record<string, string>> = {},
  signingKeysDir?: string,
  configValues: Readonly<Record<string, string>> = {},
): Record<string, string> => ({
  [RUNTIME_ENV.region]: LOCAL_AWS_REGION,
  [RUNTIME_ENV.defaultRegion]: LOCAL_AWS_REGION,
  [RUNTIME_ENV.accessKeyId]: LOCAL_AWS_CREDENTIALS.accessKeyId,
  [RUNTIME_ENV.secretAccessKey]: LOCAL_AWS_CREDENTIALS.secretAccessKey,
  [RUNTIME_ENV.lambdaFunctionName]: fn.id,
  [RUNTIME_ENV.lambdaFunctionVersion]: '$LATEST',
  [RUNTIME_ENV.lambdaFunctionMemorySize]: String(fn.memoryMb),
  [RUNTIME_ENV.dynamoDbEndpoint]: endpoints.dynamodb,
  [RUNTIME_ENV.eventBridgeEndpoint]: endpoints.aws,
  [RUNTIME_ENV.lambdaEndpoint]: endpoints.aws,
  [RUNTIME_ENV.managementApiEndpoint]: endpoints.aws,
  [RUNTIME_ENV.s3Endpoint]: endpoints.aws,
  [RUNTIME_ENV.secretsManagerEndpoint]: endpoints.aws,
  // Lambda runs Node 22+, so the SDK's notice that it will soon need Node 22 does not apply to these functions.
  [RUNTIME_ENV.sdkNodeVersionWarningDisabled]: 'true',
  [RUNTIME_ENV.powertoolsLogLevel]: 'INFO',
  [RUNTIME_ENV.nodeEnv]: 'development',
  ...functionEnvironment(model, fn, {
    stage: LOCAL_NAMES.stage,
    eventBusName: LOCAL_NAMES.eventBusName,
    serviceCatalogTable: LOCAL_NAMES.catalogTableName,
    tableName: LOCAL_NAMES.tableName,
    bucketName: LOCAL_NAMES.bucketName,
    secretName: LOCAL_NAMES.secretName,
    // What the platform decided (a folder trigger's root) first, then a developer's own environment, then
    // the setting's local default.
    configValue: (name, declared) =>
      configValues[name] ?? process.env[name] ?? declared.localDefault ?? declared.default ?? undefined,
    ...(signingKeysDir === undefined
      ? {}
      : { signingKeyId: (keyId: string) => pathToFileURL(path.join(signingKeysDir, keyId)).href }),
  }),
  ...extra,
});
