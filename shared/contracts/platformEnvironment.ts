/**
 * The one registry of environment variable names the platform owns: what the renderers set on every function
 * (AWS and the embedded platform), what the runtime reads, and the embedded platform's own settings. Functions
 * read these only through `shared/runtime/runtimeConfig.ts`; renderers write them from here. A test fails when
 * a name is spelled anywhere else (tests/unit/scripts/environmentNames).
 *
 * A module's own settings (its manifest's `config`, e.g. `SOLEIL_AUTH_GOOGLE_CLIENT_ID`) are named by the
 * module; the model refuses a setting named like anything here ({@link isPlatformEnvName}).
 */

/** Variables the renderers set on every function from the model. */
export const PLATFORM_ENV = {
  module: 'SOLEIL_MODULE',
  stage: 'SOLEIL_STAGE',
  eventBusName: 'SOLEIL_EVENT_BUS_NAME',
  serviceCatalogTable: 'SOLEIL_SERVICE_CATALOG_TABLE',
  /** The model's function id: stable across deploys, unlike the deployed function's generated name. */
  functionId: 'SOLEIL_FUNCTION_ID',
  /** JSON `["module/service", …]`: the services the module declared in `uses`; absent when it uses none. */
  uses: 'SOLEIL_USES',
  /** `on` when the platform runs core's flow trace: the event kit then reports every reaction to it. */
  flowTrace: 'SOLEIL_FLOW_TRACE',
  /** JSON `["METHOD /path", …]`, on the authorizer only: route keys that need the band's leader role. */
  leaderRoutes: 'SOLEIL_LEADER_ROUTES',
} as const;

/**
 * Families of variables, one per declared table, signing key, bucket or secret: the prefix, then the
 * upper-cased name.
 */
export const PLATFORM_ENV_PREFIX = {
  table: 'SOLEIL_TABLE_',
  signingKey: 'SOLEIL_SIGNING_KEY_',
  bucket: 'SOLEIL_BUCKET_',
  secret: 'SOLEIL_SECRET_',
} as const;

/** Suffix of the variable that carries the previous generation of a signing key. */
const PREVIOUS_GENERATION_SUFFIX = '_PREVIOUS';

const upperSnake = (name: string): string => name.toUpperCase().replaceAll('-', '_');

/** The variable that carries a module table's physical name. */
export const tableEnvVar = (tableName: string): string =>
  `${PLATFORM_ENV_PREFIX.table}${upperSnake(tableName)}`;

/** The variable that carries the id (ARN in AWS) of a module's signing key, when the renderer has one. */
export const signingKeyEnvVar = (keyName: string): string =>
  `${PLATFORM_ENV_PREFIX.signingKey}${upperSnake(keyName)}`;

/** The variable that carries the previous generation of a signing key (verification only). */
export const previousSigningKeyEnvVar = (keyName: string): string =>
  `${signingKeyEnvVar(keyName)}${PREVIOUS_GENERATION_SUFFIX}`;

/** The variable that carries the physical name of a module's bucket (`buckets` in the manifest). */
export const bucketEnvVar = (bucketName: string): string =>
  `${PLATFORM_ENV_PREFIX.bucket}${upperSnake(bucketName)}`;

/** The variable that carries the name (ARN in AWS) of a module's secret (`secrets` in the manifest). */
export const secretEnvVar = (secretName: string): string =>
  `${PLATFORM_ENV_PREFIX.secret}${upperSnake(secretName)}`;

/**
 * Standard variables of Lambda, the AWS SDK, Powertools and Node that the renderers set (the embedded platform
 * sets them all, as Lambda would) or the runtime reads.
 */
export const RUNTIME_ENV = {
  region: 'AWS_REGION',
  defaultRegion: 'AWS_DEFAULT_REGION',
  accessKeyId: 'AWS_ACCESS_KEY_ID',
  secretAccessKey: 'AWS_SECRET_ACCESS_KEY',
  lambdaFunctionName: 'AWS_LAMBDA_FUNCTION_NAME',
  lambdaFunctionVersion: 'AWS_LAMBDA_FUNCTION_VERSION',
  lambdaFunctionMemorySize: 'AWS_LAMBDA_FUNCTION_MEMORY_SIZE',
  /** `AWS_ENDPOINT_URL_<SERVICE>`: where the SDK sends a service's calls instead of the AWS default. */
  dynamoDbEndpoint: 'AWS_ENDPOINT_URL_DYNAMODB',
  eventBridgeEndpoint: 'AWS_ENDPOINT_URL_EVENTBRIDGE',
  lambdaEndpoint: 'AWS_ENDPOINT_URL_LAMBDA',
  /**
   * Points the API Gateway management client at the WebSocket API
   * (`https://{api}.execute-api.{region}.amazonaws.com/{stage}` in AWS; the local AWS endpoint locally).
   */
  managementApiEndpoint: 'AWS_ENDPOINT_URL_APIGATEWAYMANAGEMENTAPI',
  s3Endpoint: 'AWS_ENDPOINT_URL_S3',
  secretsManagerEndpoint: 'AWS_ENDPOINT_URL_SECRETS_MANAGER',
  /** The SDK's notice that it will need Node 22; Lambda runs Node 22+, so it does not apply there. */
  sdkNodeVersionWarningDisabled: 'AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED',
  powertoolsServiceName: 'POWERTOOLS_SERVICE_NAME',
  powertoolsMetricsNamespace: 'POWERTOOLS_METRICS_NAMESPACE',
  powertoolsLogLevel: 'POWERTOOLS_LOG_LEVEL',
  nodeEnv: 'NODE_ENV',
  nodeOptions: 'NODE_OPTIONS',
} as const;

/** Settings of the embedded platform's own process (`npm start`), never passed to functions. */
export const LOCAL_PLATFORM_ENV = {
  httpPort: 'SOLEIL_HTTP_PORT',
  webSocketPort: 'SOLEIL_WS_PORT',
  awsPort: 'SOLEIL_AWS_PORT',
  dynamoDbPort: 'SOLEIL_DYNAMODB_PORT',
  dataDir: 'SOLEIL_DATA_DIR',
  archiveRetentionDays: 'SOLEIL_ARCHIVE_RETENTION_DAYS',
  functionsDir: 'SOLEIL_FUNCTIONS_DIR',
} as const;

const OWNED_NAMES: ReadonlySet<string> = new Set([
  ...Object.values(PLATFORM_ENV),
  ...Object.values(RUNTIME_ENV),
  ...Object.values(LOCAL_PLATFORM_ENV),
]);

/**
 * Whether a variable name belongs to the platform (named here, or of a table or signing-key family): a module
 * setting with such a name would be overwritten, or would overwrite what the platform set.
 */
export const isPlatformEnvName = (name: string): boolean =>
  OWNED_NAMES.has(name) || Object.values(PLATFORM_ENV_PREFIX).some((prefix) => name.startsWith(prefix));
