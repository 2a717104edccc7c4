/** Lambda defaults when a manifest does not size a function. */
export const DEFAULT_MEMORY_MB = 512;
export const DEFAULT_TIMEOUT_SECONDS = 10;

/** Name of the table every module with subscriptions gets for idempotent event handling. */
export const IDEMPOTENCY_TABLE_NAME = 'idempotency';

/** Environment variables the renderers set on every function. */
export const PLATFORM_ENV = {
  module: 'SOLEIL_MODULE',
  stage: 'SOLEIL_STAGE',
  eventBusName: 'SOLEIL_EVENT_BUS_NAME',
  serviceCatalogTable: 'SOLEIL_SERVICE_CATALOG_TABLE',
  /** The model's function id: stable across deploys, unlike the deployed function's generated name. */
  functionId: 'SOLEIL_FUNCTION_ID',
} as const;

/** The environment variable that carries a module table's physical name. */
export const tableEnvVar = (tableName: string): string =>
  `SOLEIL_TABLE_${tableName.toUpperCase().replaceAll('-', '_')}`;

/** The environment variable that carries the id (ARN in AWS) of a module's signing key, when it has one. */
export const signingKeyEnvVar = (keyName: string): string =>
  `SOLEIL_SIGNING_KEY_${keyName.toUpperCase().replaceAll('-', '_')}`;

/** The environment variable that carries the previous generation of a signing key (verification only). */
export const previousSigningKeyEnvVar = (keyName: string): string => `${signingKeyEnvVar(keyName)}_PREVIOUS`;
