import { PLATFORM_ENV, RUNTIME_ENV } from '../contracts/platformEnvironment.ts';
import { METRICS_NAMESPACE } from '../contracts/platformMetrics.ts';
import { leaderRouteKeys } from './leaderRouteKeys.ts';
import type { FunctionModel, PlatformModel } from './PlatformModel.ts';

/** How a renderer names what it deployed; the environment is otherwise the same in AWS and locally. */
export interface EnvironmentResolver {
  readonly stage: string;
  readonly eventBusName: string;
  readonly serviceCatalogTable: string;
  /** Physical name of a table (by model table id); undefined for a table the renderer does not render. */
  tableName(tableId: string): string | undefined;
  /** Physical name of a bucket (by model bucket id). */
  bucketName?(bucketId: string): string;
  /** Name (or ARN) of a secret (by model secret id). */
  secretName?(secretId: string): string;
  /** Value of a module setting; undefined → the declared default (or nothing). */
  configValue(
    name: string,
    declared: { default: string | null; localDefault: string | null },
  ): string | undefined;
  /**
   * Where a signing key (by model signing-key id) lives: a KMS key ARN in AWS, a `file:` URL of a private key
   * folder on the embedded platform; undefined (or no resolver method) leaves the variable unset.
   */
  signingKeyId?(keyId: string): string | undefined;
  /** Id of the previous generation of a signing key (verification only), if the renderer keeps one. */
  previousSigningKeyId?(keyId: string): string | undefined;
  /**
   * Whether the renderer serves `localOnly` routes (the embedded platform does, AWS does not): the
   * authorizer's leader routes are those served.
   * @default true
   */
  readonly servesLocalOnlyRoutes?: boolean;
}

/**
 * The environment one function gets: the platform's variables, its own module's tables, settings and signing
 * keys — nothing of other modules — and, for the authorizer, the route keys that need the leader role.
 */
export const functionEnvironment = (
  model: PlatformModel,
  fn: FunctionModel,
  resolve: EnvironmentResolver,
): Record<string, string> => {
  const env: Record<string, string> = {
    [PLATFORM_ENV.module]: fn.module,
    [PLATFORM_ENV.functionId]: fn.id,
    [PLATFORM_ENV.stage]: resolve.stage,
    [PLATFORM_ENV.eventBusName]: resolve.eventBusName,
    [PLATFORM_ENV.serviceCatalogTable]: resolve.serviceCatalogTable,
    [RUNTIME_ENV.powertoolsServiceName]: fn.module,
    [RUNTIME_ENV.powertoolsMetricsNamespace]: METRICS_NAMESPACE,
  };
  for (const table of model.tables.filter((t) => fn.tables.includes(t.id))) {
    const name = resolve.tableName(table.id);
    if (name !== undefined) env[table.envVar] = name;
  }
  for (const bucket of (model.buckets ?? []).filter((b) => b.module === fn.module)) {
    const name = resolve.bucketName?.(bucket.id);
    if (name !== undefined) env[bucket.envVar] = name;
  }
  for (const secret of (model.secrets ?? []).filter((s) => s.module === fn.module)) {
    const name = resolve.secretName?.(secret.id);
    if (name !== undefined) env[secret.envVar] = name;
  }
  // Reactions are reported where something records them: the flow trace's observer of every event.
  if (model.rules.some((r) => r.observesAllEvents)) env[PLATFORM_ENV.flowTrace] = 'on';
  const module = model.modules.find((m) => m.name === fn.module);
  // Locally nothing else stops an undeclared call (IAM does in AWS): the service client refuses what is not
  // listed, and reads an absent variable as "uses nothing".
  if (module && module.uses.length > 0) {
    env[PLATFORM_ENV.uses] = JSON.stringify(module.uses.map((u) => `${u.module}/${u.service}`));
  }
  for (const setting of module?.config ?? []) {
    const value = resolve.configValue(setting.name, setting);
    if (value !== undefined) env[setting.name] = value;
  }
  for (const key of (model.signingKeys ?? []).filter((k) => k.module === fn.module)) {
    const value = resolve.signingKeyId?.(key.id);
    if (value !== undefined) env[key.envVar] = value;
    const previous = resolve.previousSigningKeyId?.(key.id);
    if (previous !== undefined) env[key.previousEnvVar] = previous;
  }
  if (fn.roles.includes('authorizer')) {
    env[PLATFORM_ENV.leaderRoutes] = JSON.stringify(
      leaderRouteKeys(model, { includeLocalOnly: resolve.servesLocalOnlyRoutes ?? true }),
    );
  }
  return env;
};
