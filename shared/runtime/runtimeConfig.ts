import {
  bucketEnvVar,
  PLATFORM_ENV,
  previousSigningKeyEnvVar,
  RUNTIME_ENV,
  secretEnvVar,
  signingKeyEnvVar,
  tableEnvVar,
} from '../contracts/platformEnvironment.ts';
import { IDEMPOTENCY_TABLE_NAME, OUTBOX_TABLE_NAME } from '../platformModel/modelConstants.ts';

/** A variable the renderers should have set on the function is missing: a deployment bug, said plainly. */
export class MissingRuntimeConfigError extends Error {
  constructor(readonly variable: string) {
    super(`Environment variable ${variable} is not set; the platform renderer sets it on every function.`);
    this.name = 'MissingRuntimeConfigError';
  }
}

/** A variable is set but unreadable (e.g. not the JSON list it should be): a renderer bug, said plainly. */
export class InvalidRuntimeConfigError extends Error {
  constructor(
    readonly variable: string,
    reason: string,
  ) {
    super(`Environment variable ${variable} is malformed (${reason}); the platform renderer sets it.`);
    this.name = 'InvalidRuntimeConfigError';
  }
}

type Env = NodeJS.ProcessEnv;

const optional = (variable: string, env: Env): string | undefined => env[variable]?.trim() || undefined;

const required = (variable: string, env: Env): string => {
  const value = optional(variable, env);
  if (value === undefined) throw new MissingRuntimeConfigError(variable);
  return value;
};

/** A JSON list of strings of one shape (no zod here: this file is in every bundle, the catalog writer's too). */
const jsonList = (variable: string, raw: string, item: { pattern: RegExp; expected: string }): string[] => {
  let decoded: unknown;
  try {
    decoded = JSON.parse(raw);
  } catch {
    throw new InvalidRuntimeConfigError(variable, 'not JSON');
  }
  if (!Array.isArray(decoded) || !decoded.every((v) => typeof v === 'string' && item.pattern.test(v))) {
    throw new InvalidRuntimeConfigError(variable, `expected a JSON list of ${item.expected}`);
  }
  return decoded as string[];
};

const SERVICE_USE = { pattern: /^[^/\s]+\/[^/\s]+$/, expected: '"module/service"' };
const ROUTE_KEY = { pattern: /^[A-Z]+ \/\S*$/, expected: '"METHOD /path"' };

/**
 * What a function knows about where it runs, read from the environment the renderers set — the only reader
 * of the names in `shared/contracts/platformEnvironment.ts` and of module settings. Read on use, not at
 * import, so tests and the embedded platform can set variables before the first call.
 *
 * @example
 * ```ts
 * const bus = runtimeConfig.eventBusName();
 * const clientId = runtimeConfig.optionalSetting('SOLEIL_AUTH_GOOGLE_CLIENT_ID');
 * ```
 */
export const runtimeConfig = {
  /** The module this function belongs to. */
  module: (env: Env = process.env): string => required(PLATFORM_ENV.module, env),
  /** The module, or `fallback` when unset: for loggers, which must never stop a function from starting. */
  moduleOr: (fallback: string, env: Env = process.env): string =>
    optional(PLATFORM_ENV.module, env) ?? fallback,
  /** The stage; required, so a missing setting never passes for the permissive local stage. */
  stage: (env: Env = process.env): string => required(PLATFORM_ENV.stage, env),
  eventBusName: (env: Env = process.env): string => required(PLATFORM_ENV.eventBusName, env),
  serviceCatalogTable: (env: Env = process.env): string => required(PLATFORM_ENV.serviceCatalogTable, env),
  idempotencyTable: (env: Env = process.env): string => required(tableEnvVar(IDEMPOTENCY_TABLE_NAME), env),
  /** The module's outbox table (set when its manifest says `outbox: true`). */
  outboxTable: (env: Env = process.env): string => required(tableEnvVar(OUTBOX_TABLE_NAME), env),
  /** Physical name of one of the module's own tables. */
  table: (name: string, env: Env = process.env): string => required(tableEnvVar(name), env),
  /** Physical name of one of the module's buckets (`buckets` in its manifest). */
  bucket: (name: string, env: Env = process.env): string => required(bucketEnvVar(name), env),
  /** Name (ARN in AWS) of one of the module's secrets (`secrets` in its manifest); never its value. */
  secret: (name: string, env: Env = process.env): string => required(secretEnvVar(name), env),
  /**
   * The function's stable name: the model's function id, else Lambda's function name (a function the
   * platform did not render); undefined outside both.
   */
  functionName: (env: Env = process.env): string | undefined =>
    optional(PLATFORM_ENV.functionId, env) ?? optional(RUNTIME_ENV.lambdaFunctionName, env),
  /**
   * The services the module declared in `uses`, as `module/service`. Absent means "uses nothing", so a
   * function the renderer did not describe fails closed rather than open.
   */
  /** Whether the platform runs the flow trace (an observer of every event), so reactions are reported. */
  flowTraceEnabled: (env: Env = process.env): boolean => optional(PLATFORM_ENV.flowTrace, env) === 'on',
  declaredUses: (env: Env = process.env): readonly string[] => {
    const raw = optional(PLATFORM_ENV.uses, env);
    return raw === undefined ? [] : jsonList(PLATFORM_ENV.uses, raw, SERVICE_USE);
  },
  /**
   * Route keys (`METHOD /path`) that need the band's leader role; set on the authorizer. Required: refusing
   * every leader route when a renderer forgot it is safer than treating them as user routes.
   */
  leaderRoutes: (env: Env = process.env): readonly string[] =>
    jsonList(PLATFORM_ENV.leaderRoutes, required(PLATFORM_ENV.leaderRoutes, env), ROUTE_KEY),
  /** Id (a KMS key ARN in AWS) of one of the module's signing keys; undefined where the renderer has none. */
  signingKeyId: (keyName: string, env: Env = process.env): string | undefined =>
    optional(signingKeyEnvVar(keyName), env),
  /** Id of the previous generation of a signing key (verification only), after a rotation. */
  previousSigningKeyId: (keyName: string, env: Env = process.env): string | undefined =>
    optional(previousSigningKeyEnvVar(keyName), env),
  /**
   * Where the API Gateway management client sends PostToConnection: the WebSocket API's management URL in
   * AWS, the local AWS endpoint on the embedded platform (the SDK's standard `AWS_ENDPOINT_URL_<SERVICE>`).
   */
  managementApiEndpoint: (env: Env = process.env): string => required(RUNTIME_ENV.managementApiEndpoint, env),
  /**
   * A module setting (manifest `config`) that has a value in every deployment: the renderers set the declared
   * default when nothing overrides it, so a missing one is a deployment bug.
   */
  setting: (name: string, env: Env = process.env): string => required(name, env),
  /** A module setting without a default (e.g. an optional client id); undefined when unset or blank. */
  optionalSetting: (name: string, env: Env = process.env): string | undefined => optional(name, env),
} as const;
