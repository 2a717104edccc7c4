import { LEADER_ROUTES_ENV } from '../../../shared/contracts/identity.ts';
import { PLATFORM_ENV } from '../../../shared/platformModel/modelConstants.ts';
import type { FunctionModel, PlatformModel } from '../../../shared/platformModel/PlatformModel.ts';
import { LOCAL_AWS_CREDENTIALS, LOCAL_AWS_REGION } from '../dynamodb/startDynamoDbLocal.ts';
import { LOCAL_NAMES } from '../localNames.ts';

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
 * SDK v3 clients talk to the local endpoints without the handler knowing.
 */
export const functionEnvironment = (
  model: PlatformModel,
  fn: FunctionModel,
  endpoints: LocalEndpoints,
  extra: Readonly<Record<string, string>> = {},
): Record<string, string> => {
  const tables = Object.fromEntries(
    model.tables
      .filter((t) => fn.tables.includes(t.id))
      .map((t) => [t.envVar, LOCAL_NAMES.tableName(t.id)] as const),
  );
  const isAuthorizer = model.authorizer?.functionId === fn.id;
  const leaderRoutes = model.routes.filter((r) => r.auth === 'leader').map((r) => `${r.method} ${r.path}`);
  return {
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
    [PLATFORM_ENV.module]: fn.module,
    [PLATFORM_ENV.stage]: LOCAL_NAMES.stage,
    [PLATFORM_ENV.eventBusName]: LOCAL_NAMES.eventBusName,
    [PLATFORM_ENV.serviceCatalogTable]: LOCAL_NAMES.catalogTableName,
    ...tables,
    ...(isAuthorizer ? { [LEADER_ROUTES_ENV]: JSON.stringify(leaderRoutes) } : {}),
    POWERTOOLS_SERVICE_NAME: fn.module,
    POWERTOOLS_METRICS_NAMESPACE: 'SOLEil',
    POWERTOOLS_LOG_LEVEL: 'INFO',
    NODE_ENV: 'development',
    ...extra,
  };
};
