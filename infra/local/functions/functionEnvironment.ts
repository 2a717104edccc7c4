import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { functionEnvironment } from '../../../shared/platformModel/functionEnvironment.ts';
import type { FunctionModel, PlatformModel } from '../../../shared/platformModel/PlatformModel.ts';
import { LOCAL_AWS_CREDENTIALS, LOCAL_AWS_REGION, LOCAL_NAMES } from '../shared/localNames.ts';

/** Where the functions' AWS SDK clients must go instead of AWS. */
export interface LocalEndpoints {
  /** DynamoDB Local. */
  readonly dynamodb: string;
  /** The local AWS endpoint (EventBridge, Lambda, API Gateway management). */
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
): Record<string, string> => ({
  AWS_REGION: LOCAL_AWS_REGION,
  AWS_DEFAULT_REGION: LOCAL_AWS_REGION,
  AWS_ACCESS_KEY_ID: LOCAL_AWS_CREDENTIALS.accessKeyId,
  AWS_SECRET_ACCESS_KEY: LOCAL_AWS_CREDENTIALS.secretAccessKey,
  AWS_LAMBDA_FUNCTION_NAME: fn.id,
  AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
  AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.memoryMb),
  AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamodb,
  AWS_ENDPOINT_URL_EVENTBRIDGE: endpoints.aws,
  AWS_ENDPOINT_URL_LAMBDA: endpoints.aws,
  AWS_ENDPOINT_URL_APIGATEWAYMANAGEMENTAPI: endpoints.aws,
  // Lambda runs Node 22+, so the SDK's notice that it will soon need Node 22 does not apply to these functions.
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  POWERTOOLS_LOG_LEVEL: 'INFO',
  NODE_ENV: 'development',
  ...functionEnvironment(model, fn, {
    stage: LOCAL_NAMES.stage,
    eventBusName: LOCAL_NAMES.eventBusName,
    serviceCatalogTable: LOCAL_NAMES.catalogTableName,
    tableName: LOCAL_NAMES.tableName,
    // A developer's own environment overrides a module setting, then its local default applies.
    configValue: (name, declared) =>
      process.env[name] ?? declared.localDefault ?? declared.default ?? undefined,
    ...(signingKeysDir === undefined
      ? {}
      : { signingKeyId: (keyId: string) => pathToFileURL(path.join(signingKeysDir, keyId)).href }),
  }),
  ...extra,
});
